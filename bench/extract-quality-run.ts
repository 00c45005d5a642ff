// The extraction benchmark's quality report alone (no throughput runs): what the built-in backbones'
// features are worth on labelled images, per tap, pooling and preprocessing.
//   BENCH_DATASET='<name or id>' node --import tsx bench/extract-quality-run.ts      # a kao dataset
//   BENCH_LABELLED_DIR=/path/to/folder node --import tsx bench/extract-quality-run.ts  # face/ and no_face/
// BENCH_EXTRACT_CACHE keeps the converted models between runs (default: a temporary folder).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readLabelledSource } from "./extract-labelled-dataset.ts";
import { reportQuality } from "./extract-quality.ts";

const say = (line: string) => console.log(line);
const temp = await mkdtemp(path.join(tmpdir(), "kao-bench-quality-"));
try {
  const data = await readLabelledSource(say);
  if (!data) throw new Error("set BENCH_DATASET (a kao dataset's name or id) or BENCH_LABELLED_DIR (a folder with face/ and no_face/)");
  const cacheDir = process.env["BENCH_EXTRACT_CACHE"] || path.join(temp, "models");
  await reportQuality({ data, cacheDir, backbones: [{ model: "inception_v3" }, { model: "mobilenet_v2" }], say });
} finally {
  await rm(temp, { recursive: true, force: true });
}
