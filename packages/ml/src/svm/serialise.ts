// A trained model as bytes, for storage: "KAOSVM1\n", the header's length (uint32, little-endian),
// a JSON header, zero padding to a multiple of 8 bytes, then the arrays back to back in
// little-endian order: coefficients (float64), support indices (int32, padded to 8 bytes), support
// vectors (float32 or float64) and, when standardised, the mean and scale (float64).
// The bias travels in the JSON header: JSON writes a double's shortest exact form.
import { z } from "zod";
import type { SvmModel } from "./types.ts";

const MAGIC = "KAOSVM1\n";

const kernelSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("linear") }),
  z.object({ type: z.literal("rbf"), gamma: z.number().positive() }),
  z.object({ type: z.literal("poly"), degree: z.number().int().positive(), gamma: z.number().positive(), coef0: z.number() }),
]);

const headerSchema = z.object({
  kernel: kernelSchema,
  C: z.number().positive(),
  classWeights: z.object({ negative: z.number().positive(), positive: z.number().positive() }),
  dimensions: z.number().int().positive(),
  bias: z.number(),
  supportCount: z.number().int().nonnegative(),
  vectorType: z.enum(["float32", "float64"]),
  standardised: z.boolean(),
});

type Header = z.infer<typeof headerSchema>;

export function serialiseSvmModel(model: SvmModel): Uint8Array {
  const header: Header = {
    kernel: model.kernel,
    C: model.C,
    classWeights: model.classWeights,
    dimensions: model.dimensions,
    bias: model.bias,
    supportCount: model.coefficients.length,
    vectorType: model.supportVectors instanceof Float32Array ? "float32" : "float64",
    standardised: model.standardiser !== null,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const sections: ArrayBufferView[] = [model.coefficients, model.supportIndices, model.supportVectors];
  if (model.standardiser) sections.push(model.standardiser.mean, model.standardiser.scale);
  let size = align8(MAGIC.length + 4 + headerBytes.length);
  for (const section of sections) size += align8(section.byteLength);

  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(MAGIC.length, headerBytes.length, true);
  bytes.set(headerBytes, MAGIC.length + 4);
  let at = align8(MAGIC.length + 4 + headerBytes.length);
  for (const section of sections) {
    // Typed arrays use the platform's byte order, which is little-endian on every platform Node runs on here.
    bytes.set(new Uint8Array(section.buffer, section.byteOffset, section.byteLength), at);
    at += align8(section.byteLength);
  }
  return bytes;
}

export function deserialiseSvmModel(bytes: Uint8Array): SvmModel {
  const fail = (why: string) => new Error(`not a kao SVM model: ${why}`);
  if (bytes.length < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw fail("the bytes do not start with KAOSVM1");
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerEnd > bytes.length) throw fail(`the header says ${headerLength} bytes, only ${bytes.length - MAGIC.length - 4} follow`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, headerEnd)));
  } catch (error) {
    throw fail(`the header is not JSON (${String(error)})`);
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw fail(`bad header: ${z.prettifyError(parsed.error)}`);
  const header = parsed.data;
  const { supportCount, dimensions } = header;

  let at = align8(headerEnd);
  // Each section is copied out, so that the model owns aligned arrays of its own.
  const take = (byteLength: number, name: string): ArrayBuffer => {
    if (at + byteLength > bytes.length) throw fail(`the ${name} run past the end (${bytes.length} bytes)`);
    const buffer = bytes.slice(at, at + byteLength).buffer;
    at += align8(byteLength);
    return buffer;
  };
  const coefficients = new Float64Array(take(supportCount * 8, "coefficients"));
  const supportIndices = new Int32Array(take(supportCount * 4, "support indices"));
  const vectorCount = supportCount * dimensions;
  const supportVectors =
    header.vectorType === "float32" ? new Float32Array(take(vectorCount * 4, "support vectors")) : new Float64Array(take(vectorCount * 8, "support vectors"));
  const standardiser = header.standardised
    ? { mean: new Float64Array(take(dimensions * 8, "standardiser means")), scale: new Float64Array(take(dimensions * 8, "standardiser scales")) }
    : null;
  if (at !== bytes.length) throw fail(`${bytes.length - at} bytes follow the last section`);
  return {
    kernel: header.kernel,
    C: header.C,
    classWeights: header.classWeights,
    dimensions,
    bias: header.bias,
    coefficients,
    supportIndices,
    supportVectors,
    standardiser,
  };
}

function align8(length: number): number {
  return Math.ceil(length / 8) * 8;
}
