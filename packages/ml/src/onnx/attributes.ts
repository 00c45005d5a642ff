import type { onnx } from "onnx-proto";
import { onnxMessages } from "./onnx-proto.ts";

/**
 * A node attribute. Plain values are typed by what they hold: `[3, 3]` → INTS, `2` → INT, `1e-3` →
 * FLOAT, `[0.5, 1.5]` → FLOATS, `"NOTSET"` → STRING. A float attribute whose value is a whole number
 * (LeakyRelu's `alpha: 1`) must be spelled `{ float: 1 }`, or ONNX Runtime rejects the INT it would become.
 */
export type OnnxAttributeValue =
  | number
  | readonly number[]
  | string
  | { int: number }
  | { float: number }
  | { ints: readonly number[] }
  | { floats: readonly number[] }
  | { string: string };

const AttributeType = onnxMessages.AttributeProto.AttributeType;

export function toAttributeProto(name: string, value: OnnxAttributeValue): onnx.IAttributeProto {
  if (typeof value === "number") return Number.isInteger(value) ? toAttributeProto(name, { int: value }) : { name, type: AttributeType.FLOAT, f: value };
  if (typeof value === "string") return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (isNumberList(value)) return value.every(Number.isInteger) ? toAttributeProto(name, { ints: value }) : { name, type: AttributeType.FLOATS, floats: [...value] };
  if ("int" in value) return { name, type: AttributeType.INT, i: checkInteger(name, value.int) };
  if ("float" in value) return { name, type: AttributeType.FLOAT, f: value.float };
  if ("ints" in value) return { name, type: AttributeType.INTS, ints: value.ints.map((v) => checkInteger(name, v)) };
  if ("floats" in value) return { name, type: AttributeType.FLOATS, floats: [...value.floats] };
  return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value.string) };
}

function isNumberList(value: OnnxAttributeValue): value is readonly number[] {
  return Array.isArray(value);
}

function checkInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`attribute ${name} must hold integers, got ${value}`);
  return value;
}
