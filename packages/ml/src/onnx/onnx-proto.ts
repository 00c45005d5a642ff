// onnx-proto is CommonJS and Node's ESM loader cannot see its named export, so the value comes
// through the default export. Types come from `import type { onnx } from "onnx-proto"`.
import onnxProto from "onnx-proto";

export const onnxMessages = onnxProto.onnx;
