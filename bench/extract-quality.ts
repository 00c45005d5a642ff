// "Quality on real frames": what each built-in backbone's features are worth on a folder of labelled
// images. Every backbone and tap the worker registers is extracted with kao's extractFeatures (max and
// average pooling), then scored by 5-fold cross-validated balanced accuracy with a class-balanced
// linear SVM (kao's trainSvm), for C ∈ {0.1, 1, 10}.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { availableParallelism } from "node:os";
import { extractFeatures, importNsfwjsModel, openSession, type NsfwjsModelName, type Pooling } from "@kao/ml";
import { crossValidate } from "./extract-cross-validate.ts";
import { fixed, measure, table } from "./measure.ts";

/** The taps apps/worker/src/backbones/default-backbones.ts registers, per model. */
const TAPS: Record<NsfwjsModelName, readonly string[]> = { inception_v3: ["mixed10", "mixed7"], mobilenet_v2: ["out_relu"] };
const POOLINGS: readonly Pooling[] = ["MAX", "AVG"];
const Cs = [0.1, 1, 10];
const FOLDS = 5;
const IMAGE = /\.(jpe?g|png|webp)$/i;
const CLASSES = [
  { folder: "face", label: 1 },
  { folder: "no_face", label: 0 },
] as const;

type Labelled = { files: string[]; labels: Uint8Array; groups: (string | null)[] };

export async function reportQuality(options: {
  folder: string;
  cacheDir: string;
  backbones: readonly { model: NsfwjsModelName }[];
  say: (line: string) => void;
}): Promise<void> {
  const { say } = options;
  const data = await readLabelledFolder(options.folder);
  const faces = data.labels.reduce((sum, label) => sum + label, 0);
  const groupCount = new Set(data.groups.filter((group) => group !== null)).size;
  say(`${data.files.length} images in ${options.folder}: ${faces} face, ${data.files.length - faces} no_face${groupCount ? `, ${groupCount} scene/title groups kept whole in the folds` : " (no subfolders: rows are folded one by one)"}`);

  const rows: string[][] = [];
  const models = [...new Set(options.backbones.map((backbone) => backbone.model))];
  for (const name of models) {
    const model = await importNsfwjsModel(name, { cacheDir: options.cacheDir });
    const { session } = await openSession({ model: model.path, intraOpThreads: availableParallelism() });
    const preprocessing = {
      width: model.inputSize,
      height: model.inputSize,
      channelOrder: model.preprocessing.channelOrder,
      scale: model.preprocessing.scale,
      mean: [0, 1, 2].map(() => 0 - model.preprocessing.offset),
      std: [1, 1, 1],
    };
    try {
      for (const tap of TAPS[name]) {
        for (const pooling of POOLINGS) {
          say(`extracting ${name} ${tap} (${pooling} pooling)…`);
          const extracted = await measure(() => extractFeatures({ session, tap, pooling, preprocessing, batchSize: 8, images: data.files }));
          const kept = extracted.value.flatMap((result, i) => {
            if ("vector" in result) return [{ vector: result.vector, label: data.labels[i] as number, group: data.groups[i] ?? null }];
            say(`  skipped ${data.files[i]}: ${result.error}`);
            return [];
          });
          const dimensions = kept[0]?.vector.length ?? 0;
          const features = new Float32Array(kept.length * dimensions); // rows × dimensions
          kept.forEach((row, k) => features.set(row.vector, k * dimensions));
          const labels = Uint8Array.from(kept, (row) => row.label);
          for (const C of Cs) {
            const scored = await crossValidate({ features, dimensions, labels, groups: kept.map((row) => row.group), folds: FOLDS, kernel: { type: "linear" }, C });
            rows.push([
              `${name} ${tap}`,
              String(dimensions),
              pooling,
              String(C),
              `${fixed(scored.balancedAccuracy.mean, 3)} ± ${fixed(scored.balancedAccuracy.sd, 3)}`,
              fixed(scored.outOfFold.recall, 3),
              fixed(scored.outOfFold.specificity, 3),
              fixed(kept.length / extracted.seconds, 1),
            ]);
          }
        }
      }
    } finally {
      await session.release();
    }
  }
  say("");
  say(table(["backbone tap", "dims", "pooling", "C", `balanced acc (${FOLDS}-fold)`, "face recall", "no-face recall", "extract img/s"], rows));
  say("balanced accuracy: mean ± sd over the folds; recalls: all out-of-fold predictions together. Linear C-SVC, class-balanced weights, no standardisation.");
}

/** `<folder>/face/**` and `<folder>/no_face/**` (one level of subfolders allowed, each a group). */
async function readLabelledFolder(folder: string): Promise<Labelled> {
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
  return { files, labels: Uint8Array.from(labels), groups };
}
