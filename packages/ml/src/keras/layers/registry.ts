import { convertActivation, convertReLU, convertSoftmax } from "./activations.ts";
import { convertBatchNormalization } from "./batch-normalization.ts";
import { convertConv2D, convertDepthwiseConv2D } from "./convolution.ts";
import { convertDense } from "./dense.ts";
import type { LayerConverter } from "./layer-converter.ts";
import { convertAdd, convertConcatenate } from "./merge.ts";
import { convertAveragePooling2D, convertGlobalAveragePooling2D, convertGlobalMaxPooling2D, convertMaxPooling2D } from "./pooling.ts";
import { convertDropout, convertFlatten, convertZeroPadding2D } from "./reshaping.ts";

/** Keras class name → converter. InputLayer is handled by the model converter itself. */
export const layerConverters: Readonly<Record<string, LayerConverter>> = {
  Activation: convertActivation,
  Add: convertAdd,
  AveragePooling2D: convertAveragePooling2D,
  BatchNormalization: convertBatchNormalization,
  Concatenate: convertConcatenate,
  Conv2D: convertConv2D,
  Dense: convertDense,
  DepthwiseConv2D: convertDepthwiseConv2D,
  Dropout: convertDropout,
  Flatten: convertFlatten,
  GlobalAveragePooling2D: convertGlobalAveragePooling2D,
  GlobalMaxPooling2D: convertGlobalMaxPooling2D,
  MaxPooling2D: convertMaxPooling2D,
  ReLU: convertReLU,
  Softmax: convertSoftmax,
  ZeroPadding2D: convertZeroPadding2D,
};
