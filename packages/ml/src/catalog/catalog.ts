import type { Preprocessing } from "../extract/preprocess.ts";

/**
 * Where a backbone is cut. The zoo's tensor names differ between converter versions, so zoo models are
 * cut structurally: the input of the last pooling node before the classifier (GoogLeNet: inception_5b,
 * 1024 channels; AlexNet: conv5 after ReLU, 256; VGG: the last conv block, 512), which is what the paper
 * pooled. Models imported by kao itself name their layers, so they are cut by name.
 */
export type TapSpec = { kind: "tensor"; name: string } | { kind: "before-last-pool" };

export interface CatalogModel {
  /** Stable key, also the cached file's name without extension. */
  key: string;
  title: string;
  url: string;
  sizeBytes: number;
  sha256: string;
  preprocessing: Omit<Preprocessing, "std"> & { std: readonly number[] };
  tap: TapSpec;
  /** Channels at the tap: the feature vector's length. */
  dims: number;
  licence: string;
}

const zoo = "https://github.com/onnx/models/raw/main/validated/vision/classification";
// Caffe-era models: BGR, 0…255 minus the ImageNet mean per channel (in BGR order), no scaling.
const caffe = { channelOrder: "BGR", scale: 1, mean: [104, 117, 123], std: [] } as const;

/** The paper's backbones that the ONNX model zoo publishes, with the sizes and checksums of its files. */
export const MODEL_CATALOG: readonly CatalogModel[] = [
  {
    key: "googlenet-7",
    title: "GoogLeNet (BVLC, ONNX model zoo, opset 7)",
    url: `${zoo}/inception_and_googlenet/googlenet/model/googlenet-7.onnx`,
    sizeBytes: 28_020_232,
    sha256: "5725ccfd90845735ce5897faf7843c3f9b13acda3c4f3bff82cb21c9337c9de8",
    preprocessing: { width: 224, height: 224, ...caffe },
    tap: { kind: "before-last-pool" },
    dims: 1024,
    licence: "BSD-3-Clause",
  },
  {
    key: "googlenet-12-int8",
    title: "GoogLeNet, int8-quantised (ONNX model zoo, opset 12)",
    url: `${zoo}/inception_and_googlenet/googlenet/model/googlenet-12-int8.onnx`,
    sizeBytes: 7_122_858,
    sha256: "282290386d7055c1b1e9692680621907991a87f9839391892b5cbe4da2e9871f",
    preprocessing: { width: 224, height: 224, ...caffe },
    tap: { kind: "before-last-pool" },
    dims: 1024,
    licence: "BSD-3-Clause",
  },
  {
    key: "bvlcalexnet-8",
    title: "AlexNet (BVLC, ONNX model zoo, opset 8)",
    url: `${zoo}/alexnet/model/bvlcalexnet-8.onnx`,
    sizeBytes: 243_863_542,
    sha256: "9a4dc22fd706a19462aaec3b08e027e0ef89daf63d123824f20b59b6de9a727b",
    preprocessing: { width: 227, height: 227, ...caffe },
    tap: { kind: "before-last-pool" },
    dims: 256,
    licence: "BSD-3-Clause",
  },
];

/** A catalog entry by key, in the built-in catalog or in one from loadModelCatalog. */
export const findCatalogModel = (key: string, catalog: readonly CatalogModel[] = MODEL_CATALOG) => catalog.find((model) => model.key === key) ?? null;
