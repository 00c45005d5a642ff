// Generated features for the benchmarks (svm, active-learning, leakage): rows like globally pooled ReLU features of a
// CNN (non-negative, channels correlated through a few latent factors), two partly overlapping classes
// (75% FACE), and frames in scenes of a few consecutive near-identical rows, as the importer makes them.
// Seeded, so every run sees the same numbers.
import { seededRandom } from "@kao/ml/random";

const FACTORS = 16;
const SEPARATION = 2.5; // distance between the classes' latent means, in units of their spread
const NOISE = 0.7; // each channel's own noise, against the shared factors' unit variance

/**
 * `rows` feature rows in scenes of `sceneSize` (the scene's latent factors, then a little noise per
 * frame), with labels and the scene index of each row. `sceneSize` 1 gives independent rows.
 */
export function makeSceneFeatures(options: { rows: number; dimensions: number; seed: number; sceneSize?: number }): {
  features: Float32Array; // rows × dimensions, row-major
  labels: Uint8Array; // rows
  scenes: Int32Array; // rows
} {
  const { rows, dimensions, sceneSize = 1 } = options;
  const random = seededRandom(options.seed);
  const loadings = Float64Array.from({ length: dimensions * FACTORS }, () => random.normal() / Math.sqrt(FACTORS)); // dimensions × factors
  const offsets = Float64Array.from({ length: dimensions }, () => 0.2 * random.normal() - 0.1);
  const classShift = Float64Array.from({ length: FACTORS }, () => (random.normal() * SEPARATION) / Math.sqrt(FACTORS));
  const features = new Float32Array(rows * dimensions);
  const labels = new Uint8Array(rows);
  const scenes = new Int32Array(rows);
  const latent = new Float64Array(FACTORS);
  const sceneBase = new Float64Array(dimensions); // the scene's activations before each frame's noise
  let label = 0;
  for (let i = 0; i < rows; i++) {
    const scene = Math.floor(i / sceneSize);
    scenes[i] = scene;
    if (i % sceneSize === 0) {
      label = random.uniform() < 0.75 ? 1 : 0;
      for (let f = 0; f < FACTORS; f++) latent[f] = random.normal() + (label ? 0.5 : -0.5) * (classShift[f] as number);
      for (let k = 0; k < dimensions; k++) {
        let activation = offsets[k] as number;
        for (let f = 0; f < FACTORS; f++) activation += (loadings[k * FACTORS + f] as number) * (latent[f] as number);
        sceneBase[k] = activation;
      }
    }
    labels[i] = label;
    // Frames of one scene differ by less noise than unrelated frames: near-copies, not copies.
    const noise = sceneSize > 1 ? NOISE * (i % sceneSize === 0 ? 1 : 0.3) : NOISE;
    for (let k = 0; k < dimensions; k++) features[i * dimensions + k] = Math.max(0, (sceneBase[k] as number) + noise * random.normal());
  }
  return { features, labels, scenes };
}
