// Seeded data sets for the SVM tests (not exported from the package).
import type { BinaryLabels } from "./types.ts";

export type LabelledRows = { features: Float32Array; labels: BinaryLabels; dimensions: number };

/** mulberry32 plus Box–Muller: the same numbers for the same seed on every machine. */
export function seededRandom(seed: number): { uniform: () => number; normal: () => number } {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

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
