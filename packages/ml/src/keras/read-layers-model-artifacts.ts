import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { modelJsonSchema, type WeightSpec } from "./model-json-schema.ts";
import { readUmdExport } from "./read-umd-export.ts";

/** A TF.js layers model as stored: topology, weight specs in buffer order, and the (possibly quantised) bytes. */
export interface LayersModelArtifacts {
  modelTopology: Record<string, unknown>;
  weightSpecs: WeightSpec[];
  weightData: Uint8Array; // all shards of all manifest groups, joined in manifest order
}

/**
 * Reads a layers model folder: `model.json` with plain binary shards (what tfjs's `model.save` and
 * tensorflowjs_converter write), or nsfwjs's `model.min.js` whose manifest paths name
 * `<path>.min.js` UMD bundles that export the shard as a base64 string.
 */
export async function readLayersModelArtifacts(folder: string): Promise<LayersModelArtifacts> {
  const modelFile = await findModelFile(folder);
  const raw = modelFile.endsWith(".js") ? await readUmdExport(modelFile) : parseJson(await readFile(modelFile, "utf8"), modelFile);
  const parsed = modelJsonSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${modelFile} is not a TF.js layers model: ${z.prettifyError(parsed.error)}`);

  const shards: Uint8Array[] = [];
  for (const group of parsed.data.weightsManifest) {
    for (const shardPath of group.paths) shards.push(await readShard(folder, shardPath));
  }
  return {
    modelTopology: parsed.data.modelTopology,
    weightSpecs: parsed.data.weightsManifest.flatMap((group) => group.weights),
    weightData: Buffer.concat(shards),
  };
}

async function findModelFile(folder: string): Promise<string> {
  for (const name of ["model.json", "model.min.js"]) {
    const candidate = path.join(folder, name);
    if (await exists(candidate)) return candidate;
  }
  throw new Error(`no model.json or model.min.js in ${folder}`);
}

async function readShard(folder: string, shardPath: string): Promise<Uint8Array> {
  const file = path.resolve(folder, shardPath);
  if (path.relative(path.resolve(folder), file).startsWith("..") || path.isAbsolute(shardPath)) {
    throw new Error(`weight shard path "${shardPath}" points outside the model folder ${folder}`);
  }
  if (await exists(file)) return file.endsWith(".js") ? decodeUmdShard(file) : new Uint8Array(await readFile(file));
  if (await exists(`${file}.min.js`)) return decodeUmdShard(`${file}.min.js`);
  throw new Error(`weight shard "${shardPath}" listed in the weights manifest is missing: neither ${file} nor ${file}.min.js exists`);
}

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

async function decodeUmdShard(file: string): Promise<Uint8Array> {
  const exported = await readUmdExport(file);
  // Buffer.from(…, "base64") skips invalid characters silently, so check first.
  if (typeof exported !== "string" || exported.length % 4 !== 0 || !base64Pattern.test(exported)) {
    throw new Error(`weight shard ${file} does not export a base64 string`);
  }
  return new Uint8Array(Buffer.from(exported, "base64"));
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return false;
    throw error;
  }
}
