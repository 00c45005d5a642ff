// Seeded data sets for the SVM tests (not exported from the package).
import { seededRandom } from "../random.ts";
import type { BinaryLabels } from "./types.ts";

export { seededRandom };

export type LabelledRows = { features: Float32Array; labels: BinaryLabels; dimensions: number };

/** Two Gaussian clouds around ±centre, `positiveShare` of them FACE. */
export function gaussianClouds(options: { rows: number; dimensions: number; separation: number; positiveShare?: number; seed: number }): LabelledRows {
  const { rows, dimensions, separation, positiveShare = 0.5 } = options;
  const random = seededRandom(options.seed);
  const features = new Float32Array(rows * dimensions);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const label = random.uniform() < positiveShare ? 1 : 0;
    labels[i] = label;
    for (let k = 0; k < dimensions; k++) features[i * dimensions + k] = random.normal() + (label ? separation : -separation) / Math.sqrt(dimensions);
  }
  return { features, labels, dimensions };
}

/** Points in the four quadrants of the square [−1, 1]²: FACE where x·y > 0. No line separates them. */
export function xorQuadrants(options: { rows: number; seed: number; margin?: number }): LabelledRows {
  const { rows, margin = 0.1 } = options;
  const random = seededRandom(options.seed);
  const features = new Float32Array(rows * 2);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = (random.uniform() < 0.5 ? -1 : 1) * (margin + (1 - margin) * random.uniform());
    const y = (random.uniform() < 0.5 ? -1 : 1) * (margin + (1 - margin) * random.uniform());
    features[i * 2] = x;
    features[i * 2 + 1] = y;
    labels[i] = x * y > 0 ? 1 : 0;
  }
  return { features, labels, dimensions: 2 };
}

export function splitRows(data: LabelledRows, at: number): [LabelledRows, LabelledRows] {
  const { features, labels, dimensions } = data;
  return [
    { features: features.slice(0, at * dimensions), labels: labels.slice(0, at), dimensions },
    { features: features.slice(at * dimensions), labels: labels.slice(at), dimensions },
  ];
}
