import { decodeWeights, type KerasWeight } from "./decode-weights.ts";
import { parseKerasTopology, type KerasTopology } from "./parse-keras-topology.ts";
import { readLayersModelArtifacts } from "./read-layers-model-artifacts.ts";

/** A Keras / TF.js layers model in memory: its layer graph and float32 weights by Keras name ("conv2d_1/kernel"). */
export interface LayersModel {
  topology: KerasTopology;
  weights: ReadonlyMap<string, KerasWeight>;
}

/** Reads a TF.js layers model folder (model.json or nsfwjs's model.min.js, with its shards) and dequantises the weights. */
export async function readLayersModel(folder: string): Promise<LayersModel> {
  const artifacts = await readLayersModelArtifacts(folder);
  return {
    topology: parseKerasTopology(artifacts.modelTopology),
    weights: decodeWeights(artifacts.weightSpecs, artifacts.weightData),
  };
}
