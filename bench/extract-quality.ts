// "Quality on real frames": what each built-in backbone's features are worth on labelled images, from a
// folder (BENCH_LABELLED_DIR) or a kao dataset (BENCH_DATASET, extract-labelled-dataset.ts). Every
// backbone and tap the worker registers is extracted with kao's extractFeatures (max and average
// pooling), then scored by 5-fold cross-validated balanced accuracy with a class-balanced linear SVM
// (kao's trainSvm), for C ∈ {0.1, 1, 10}. InceptionV3 is run under both preprocessings in use: x/255,
// what nsfwjs feeds it and kao registers, and x/127.5 − 1, what Keras's ImageNet Inception expects (its
// early blocks keep their ImageNet weights), so a team sees which suits its frames.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { availableParallelism } from "node:os";
import { extractFeatures, importNsfwjsModel, openSession, type NsfwjsModelName, type Pooling, type Preprocessing } from "@kao/ml";
import type { InferenceSession } from "onnxruntime-node";
import { crossValidate } from "./extract-cross-validate.ts";
import { fixed, measure, table } from "./measure.ts";

/** The taps apps/worker/src/backbones/default-backbones.ts registers, per model. */
const TAPS: Record<NsfwjsModelName, readonly string[]> = { inception_v3: ["mixed10", "mixed7"], mobilenet_v2: ["out_relu"] };
const POOLINGS: readonly Pooling[] = ["MAX", "AVG"];
/** Pixel × scale + offset, per model: the one kao registers first. */
const PREPROCESSINGS: Record<NsfwjsModelName, readonly { label: string; scale: number; offset: number }[]> = {
  inception_v3: [
    { label: "x/255 (nsfwjs, kao)", scale: 1 / 255, offset: 0 },
    { label: "x/127.5−1 (Keras ImageNet)", scale: 1 / 127.5, offset: -1 },
  ],
  mobilenet_v2: [{ label: "x/255 (nsfwjs, kao)", scale: 1 / 255, offset: 0 }],
};
const Cs = [0.1, 1, 10];
const FOLDS = 5;
const IMAGE = /\.(jpe?g|png|webp)$/i;
const CLASSES = [
  { folder: "face", label: 1 },
  { folder: "no_face", label: 0 },
] as const;

/** Labelled images: file paths or JPEG bytes, 1 = face, and the scene or title each belongs to (null: its own). */
export type LabelledImages = { images: (string | Buffer)[]; labels: Uint8Array; groups: (string | null)[]; source: string };

export async function reportQuality(options: {
  data: LabelledImages;
  cacheDir: string;
  backbones: readonly { model: NsfwjsModelName }[];
  say: (line: string) => void;
}): Promise<void> {
  const { say, data } = options;
  const faces = data.labels.reduce((sum, label) => sum + label, 0);
  const groupCount = new Set(data.groups.filter((group) => group !== null)).size;
  say(`${data.images.length} images in ${data.source}: ${faces} face, ${data.images.length - faces} no_face${groupCount ? `, ${groupCount} scene/title groups kept whole in the folds` : " (no groups: rows are folded one by one)"}`);
  for (const count of [faces, data.images.length - faces]) {
    if (count < FOLDS) throw new Error(`${data.source} has ${count} images of one class; ${FOLDS}-fold cross-validation needs at least ${FOLDS} per class`);
  }

  const rows: string[][] = [];
  const models = [...new Set(options.backbones.map((backbone) => backbone.model))];
  for (const name of models) {
    const model = await importNsfwjsModel(name, { cacheDir: options.cacheDir });
    const { session } = await openSession({ model: model.path, intraOpThreads: availableParallelism() });
    try {
      for (const variant of PREPROCESSINGS[name]) {
        const preprocessing: Preprocessing = {
          width: model.inputSize,
          height: model.inputSize,
          channelOrder: model.preprocessing.channelOrder,
          scale: variant.scale,
          mean: [0, 1, 2].map(() => 0 - variant.offset),
          std: [1, 1, 1],
        };
        for (const tap of TAPS[name]) {
          for (const pooling of POOLINGS) {
            say(`extracting ${name} ${tap} (${variant.label}, ${pooling} pooling)…`);
            rows.push(...(await scoreFeatures({ session, tap, pooling, preprocessing, data, label: [`${name} ${tap}`, variant.label], say })));
          }
        }
      }
    } finally {
      await session.release();
    }
  }
  say("");
  say(table(["backbone tap", "preprocessing", "dims", "pooling", "C", `balanced acc (${FOLDS}-fold)`, "face recall", "no-face recall", "extract img/s"], rows));
  say("balanced accuracy: mean ± sd over the folds; recalls: all out-of-fold predictions together. Linear C-SVC, class-balanced weights, no standardisation.");
}

/** One table row per C: the features of one tap, pooling and preprocessing, cross-validated. */
async function scoreFeatures(options: {
  session: InferenceSession;
  tap: string;
  pooling: Pooling;
  preprocessing: Preprocessing;
  data: LabelledImages;
  label: readonly string[];
  say: (line: string) => void;
}): Promise<string[][]> {
  const { data } = options;
  const extracted = await measure(() => extractFeatures({ session: options.session, tap: options.tap, pooling: options.pooling, preprocessing: options.preprocessing, batchSize: 8, images: data.images }));
  const kept = extracted.value.flatMap((result, i) => {
    if ("vector" in result) return [{ vector: result.vector, label: data.labels[i] as number, group: data.groups[i] ?? null }];
    const image = data.images[i];
    options.say(`  skipped ${typeof image === "string" ? image : `image ${i + 1}`}: ${result.error}`);
    return [];
  });
  const dimensions = kept[0]?.vector.length ?? 0;
  const features = new Float32Array(kept.length * dimensions); // rows × dimensions
  kept.forEach((row, k) => features.set(row.vector, k * dimensions));
  const labels = Uint8Array.from(kept, (row) => row.label);
  const rows: string[][] = [];
  for (const C of Cs) {
    const scored = await crossValidate({ features, dimensions, labels, groups: kept.map((row) => row.group), folds: FOLDS, kernel: { type: "linear" }, C });
    rows.push([
      ...options.label,
      String(dimensions),
      options.pooling,
      String(C),
      `${fixed(scored.balancedAccuracy.mean, 3)} ± ${fixed(scored.balancedAccuracy.sd, 3)}`,
      fixed(scored.outOfFold.recall, 3),
      fixed(scored.outOfFold.specificity, 3),
      fixed(kept.length / extracted.seconds, 1),
    ]);
  }
  return rows;
}

/** `<folder>/face/**` and `<folder>/no_face/**` (one level of subfolders allowed, each a group). */
export async function readLabelledFolder(folder: string): Promise<LabelledImages> {
  const files: string[] = [];
  const labels: number[] = [];
  const groups: (string | null)[] = [];
  for (const { folder: name, label } of CLASSES) {
    const root = path.join(folder, name);
    const entries = await readdir(root, { withFileTypes: true }).catch((error: unknown) => {
      throw new Error(`BENCH_LABELLED_DIR must hold face/ and no_face/ subfolders; could not read ${root}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const before = files.length;
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isFile() && IMAGE.test(entry.name)) {
        files.push(path.join(root, entry.name));
        labels.push(label);
        groups.push(null);
      } else if (entry.isDirectory()) {
        const inner = (await readdir(path.join(root, entry.name))).filter((file) => IMAGE.test(file)).sort();
        for (const file of inner) {
          files.push(path.join(root, entry.name, file));
          labels.push(label);
          groups.push(`${name}/${entry.name}`);
        }
      }
    }
    if (files.length - before < FOLDS) throw new Error(`${root} holds ${files.length - before} images (.jpg, .png, .webp); ${FOLDS}-fold cross-validation needs at least ${FOLDS} per class`);
  }
  return { images: files, labels: Uint8Array.from(labels), groups, source: folder };
}
