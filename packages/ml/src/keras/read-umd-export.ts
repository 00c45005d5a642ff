import { readFile } from "node:fs/promises";
import vm from "node:vm";

/**
 * Evaluates a browserify UMD bundle (nsfwjs ships model.min.js and its weight shards that way: the
 * bundle assigns `module.exports`) and returns what it exports, as plain data of this realm. The bundle runs in a fresh context
 * with no `require`, `process` or globals of ours. This is not a security boundary: only use it on
 * files from installed packages or the user's own model folder.
 */
export async function readUmdExport(path: string): Promise<unknown> {
  const source = await readFile(path, "utf8");
  const module: { exports: unknown } = { exports: {} };
  try {
    vm.runInNewContext(source, { module, exports: module.exports }, { filename: path, timeout: 30_000 });
  } catch (error) {
    throw new Error(`could not evaluate the UMD bundle ${path}: ${describeError(error)}`, { cause: error });
  }
  // Objects made in the other context have that context's prototypes (Array, Object), which trips
  // realm-sensitive code such as tfjs's deserialiser; the exports are plain data, so copy them here.
  const exported = module.exports;
  return typeof exported === "object" && exported !== null ? JSON.parse(JSON.stringify(exported)) : exported;
}

// Errors thrown inside the context come from its own realm, so `instanceof Error` is false for them.
function describeError(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}
