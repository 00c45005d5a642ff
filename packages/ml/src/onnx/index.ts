export type { OnnxAttributeValue } from "./attributes.ts";
export { exposeTensor } from "./expose-tensor.ts";
export { createGraph, type OnnxGraph, type OnnxModelOptions, type OnnxNodeSpec } from "./graph-builder.ts";
export type { OnnxDim, OnnxElementType } from "./tensor-types.ts";
