import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { convertLayersModel } from "./convert-layers-model.ts";
import { locateNsfwjsModel, type NsfwjsModelName } from "./locate-nsfwjs-model.ts";
import type { KerasLayerNode } from "./parse-keras-topology.ts";
import { readLayersModel } from "./read-layers-model.ts";

// Bump when the converter's output changes, so caches made by an older converter are rebuilt.
const CONVERTER_VERSION = 1;

const catalogue: Record<NsfwjsModelName, { defaultTap: string; isTap: (layer: KerasLayerNode) => boolean }> = {
  // The mixed blocks' outputs (mixed9_0 and friends are inner branches).
  inception_v3: { defaultTap: "mixed10", isTap: (layer) => /^mixed\d+$/.test(layer.name) },
  // The residual sums and the last feature map.
  mobilenet_v2: { defaultTap: "out_relu", isTap: (layer) => layer.className === "Add" || layer.name === "out_relu" },
};

const tapSchema = z.object({ name: z.string(), channels: z.number().int(), height: z.number().int(), width: z.number().int() });
export type NsfwjsTap = z.infer<typeof tapSchema>;

const metadataSchema = z.object({
  source: z.string(), // "nsfwjs@4.4.0/inception_v3 converter 1"
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  inputName: z.string(),
  outputName: z.string(),
  inputSize: z.number().int().positive(),
  taps: z.array(tapSchema),
});
type Metadata = z.infer<typeof metadataSchema>;

export interface ImportedNsfwjsModel extends Omit<Metadata, "source"> {
  /** The ONNX file: input `inputName` N × 3 × inputSize × inputSize float32; the taps and `outputName` (class probabilities) are outputs. */
  path: string;
  /** Pixel p (0–255, RGB) becomes p · scale + offset. */
  preprocessing: { scale: number; offset: number; channelOrder: "RGB" };
  defaultTap: string;
  /** False when the cached file was reused. */
  converted: boolean;
}

/**
 * Converts one of nsfwjs's bundled Keras models to ONNX in `cacheDir` (`<name>.onnx` plus
 * `<name>.onnx.json` with its sha256), or reuses the file there when its sha256 still matches.
 */
/** What nsfwjs itself does to pixels before its models. */
export const NSFWJS_PREPROCESSING = { scale: 1 / 255, offset: 0, channelOrder: "RGB" } as const;

export async function importNsfwjsModel(name: NsfwjsModelName, options: { cacheDir: string }): Promise<ImportedNsfwjsModel> {
  const { folder, version } = await locateNsfwjsModel(name);
  const source = `nsfwjs@${version}/${name} converter ${CONVERTER_VERSION}`;
  const modelPath = path.join(options.cacheDir, `${name}.onnx`);
  const metadataPath = `${modelPath}.json`;
  const describe = (metadata: Metadata, converted: boolean): ImportedNsfwjsModel => ({
    ...metadata,
    path: modelPath,
    // nsfwjs feeds its models x / 255 (dist/esm/core.js, `normalizationOffset`), and its fine-tuning of the
    // upper blocks saw that range; Keras' stock Inception would want x / 127.5 − 1.
    preprocessing: NSFWJS_PREPROCESSING,
    defaultTap: catalogue[name].defaultTap,
    converted,
  });

  const cached = await readCachedMetadata(metadataPath);
  if (cached?.source === source && (await sha256OfFile(modelPath)) === cached.sha256) return describe(cached, false);

  const model = await readLayersModel(folder);
  const taps = model.topology.layers.filter(catalogue[name].isTap).map((layer) => layer.name);
  const converted = convertLayersModel(model, { taps });
  const tapShapes = taps.map((tap): NsfwjsTap => {
    const shape = converted.layerShapes.get(tap);
    if (shape?.rank !== 4) throw new Error(`tap "${tap}" of ${name} is not an image tensor`);
    return { name: tap, channels: shape.channels, height: shape.height, width: shape.width };
  });
  const { inputShape } = converted;
  if (inputShape.rank !== 4 || inputShape.height !== inputShape.width || inputShape.channels !== 3) {
    throw new Error(`${name} expects input ${JSON.stringify(inputShape)}, not a square RGB image`);
  }
  const metadata: Metadata = {
    source,
    sha256: createHash("sha256").update(converted.onnx).digest("hex"),
    inputName: converted.inputName,
    outputName: converted.outputName,
    inputSize: inputShape.height,
    taps: tapShapes,
  };
  await mkdir(options.cacheDir, { recursive: true });
  await writeAtomically(modelPath, converted.onnx);
  await writeAtomically(metadataPath, `${JSON.stringify(metadata, null, 2)}\n`);
  return describe(metadata, true);
}

async function readCachedMetadata(file: string): Promise<Metadata | undefined> {
  const text = await readIfExists(file);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text.toString("utf8"));
  } catch {
    return undefined; // half-written or edited by hand: convert again rather than trust it
  }
  const parsed = metadataSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

async function sha256OfFile(file: string): Promise<string | undefined> {
  const bytes = await readIfExists(file);
  return bytes === undefined ? undefined : createHash("sha256").update(bytes).digest("hex");
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  }
}

// Another process (API, worker) may read the cache at the same time: never let it see half a file.
async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}
