// A small labelled folder to try the extraction benchmark's quality report without real frames:
// `node --import tsx bench/extract-labelled-sample.ts <folder> [images per class, default 24]` draws
// <folder>/face/*.jpg (a large anime-style face in every frame) and <folder>/no_face/*.jpg (landscapes
// only). The classes are easy by design: this checks that the report runs, not what real frames score.
import path from "node:path";
import { generateTestImages } from "./extract-images.ts";

const [folder, countText = "24"] = process.argv.slice(2);
const count = Number(countText);
if (!folder || !Number.isInteger(count) || count < 5) {
  console.error("usage: node --import tsx bench/extract-labelled-sample.ts <folder> [images per class ≥ 5, default 24]");
  process.exit(2);
}
await generateTestImages({ folder: path.join(folder, "face"), count, kind: "face", seed: 1 });
await generateTestImages({ folder: path.join(folder, "no_face"), count, kind: "no_face", seed: 2 });
console.log(`wrote ${count} face and ${count} no_face images under ${folder}`);
console.log(`now: BENCH_ONLY=extract BENCH_LABELLED_DIR=${folder} npm run bench`);
