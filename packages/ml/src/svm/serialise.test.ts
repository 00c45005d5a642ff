import { describe, expect, it } from "vitest";
import { predictSvm } from "./decision.ts";
import { deserialiseSvmModel, serialiseSvmModel } from "./serialise.ts";
import { gaussianClouds, splitRows } from "./test-data.ts";
import { trainSvm } from "./train.ts";

describe("serialiseSvmModel / deserialiseSvmModel", () => {
  const [train, test] = splitRows(gaussianClouds({ rows: 300, dimensions: 7, separation: 2, seed: 8 }), 200);

  it("round-trips a model that then predicts identically (float32 support vectors)", async () => {
    const model = await trainSvm({ ...train, kernel: { type: "poly", degree: 3, coef0: 0.5 }, C: 2 });
    const restored = deserialiseSvmModel(serialiseSvmModel(model));
    expect(restored).toEqual(model);
    expect(restored.supportVectors).toBeInstanceOf(Float32Array);
    const before = await predictSvm({ model, features: test.features });
    const after = await predictSvm({ model: restored, features: test.features });
    expect(Array.from(after.decisions)).toEqual(Array.from(before.decisions));
  });

  it("round-trips a standardised RBF model (float64 support vectors)", async () => {
    const model = await trainSvm({ ...train, kernel: { type: "rbf" }, C: 1, standardise: true });
    const bytes = serialiseSvmModel(model);
    // A copy at an odd offset inside a larger buffer, as a database driver may hand it back.
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const restored = deserialiseSvmModel(padded.subarray(3));
    expect(restored).toEqual(model);
    expect(restored.supportVectors).toBeInstanceOf(Float64Array);
    expect(Array.from((await predictSvm({ model: restored, features: test.features })).decisions)).toEqual(Array.from((await predictSvm({ model, features: test.features })).decisions));
  });

  it("rejects bytes that are not a model", async () => {
    const model = await trainSvm({ ...train, kernel: { type: "linear" }, C: 1 });
    const bytes = serialiseSvmModel(model);
    expect(() => deserialiseSvmModel(new TextEncoder().encode("hello, world"))).toThrow(/do not start with KAOSVM1/);
    expect(() => deserialiseSvmModel(bytes.subarray(0, bytes.length - 8))).toThrow(/run past the end/);
    const bad = bytes.slice();
    bad.set(new TextEncoder().encode('{"kernel":{"type":"cubic"}'), 12);
    expect(() => deserialiseSvmModel(bad)).toThrow(/not a kao SVM model/);
  });
});
