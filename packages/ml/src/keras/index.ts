export { convertLayersModel, type ConvertedLayersModel } from "./convert-layers-model.ts";
export type { KerasWeight } from "./decode-weights.ts";
export type { FeatureShape } from "./feature-shape.ts";
export type { KerasLayerNode, KerasTopology } from "./parse-keras-topology.ts";
export { readLayersModel, type LayersModel } from "./read-layers-model.ts";
export { readLayersModelArtifacts, type LayersModelArtifacts } from "./read-layers-model-artifacts.ts";
export { importNsfwjsModel, NSFWJS_PREPROCESSING, type ImportedNsfwjsModel, type NsfwjsTap } from "./import-nsfwjs-model.ts";
export { locateNsfwjsModel, type NsfwjsModelName } from "./locate-nsfwjs-model.ts";
