import { onnxMessages } from "./onnx-proto.ts";

/** Element types the builder writes. ONNX has more; these are the ones CNN graphs here need. */
export type OnnxElementType = "float32" | "int64";

/** A dimension: a fixed size, or a symbolic name such as "N" for the batch. */
export type OnnxDim = number | string;

const dataTypeCodes: Record<OnnxElementType, number> = {
  float32: onnxMessages.TensorProto.DataType.FLOAT,
  int64: onnxMessages.TensorProto.DataType.INT64,
};

export function toDataTypeCode(elementType: OnnxElementType): number {
  return dataTypeCodes[elementType];
}

export function toTensorType(shape: readonly OnnxDim[] | undefined, elementType: OnnxElementType) {
  return {
    tensorType: {
      elemType: toDataTypeCode(elementType),
      // No shape means "unknown rank", which ONNX allows for outputs and value infos.
      shape:
        shape === undefined
          ? null
          : { dim: shape.map((dim) => (typeof dim === "number" ? { dimValue: dim } : { dimParam: dim })) },
    },
  };
}
