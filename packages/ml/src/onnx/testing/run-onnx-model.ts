import * as ort from "onnxruntime-node";

export interface FloatTensor {
  dims: readonly number[];
  data: Float32Array; // row-major with dims
}

/** Runs an ONNX model once on the CPU provider (2 threads) and returns the requested float outputs. */
export async function runOnnxModel(options: {
  model: Uint8Array;
  feeds: Readonly<Record<string, FloatTensor>>;
  fetches: readonly string[];
}): Promise<Record<string, FloatTensor>> {
  const session = await ort.InferenceSession.create(options.model, { intraOpNumThreads: 2, executionProviders: ["cpu"] });
  try {
    const feeds = Object.fromEntries(
      Object.entries(options.feeds).map(([name, tensor]) => [name, new ort.Tensor("float32", tensor.data, [...tensor.dims])]),
    );
    const results = await session.run(feeds, [...options.fetches]);
    const out: Record<string, FloatTensor> = {};
    for (const name of options.fetches) {
      const tensor = results[name];
      if (tensor === undefined || !(tensor.data instanceof Float32Array)) throw new Error(`ONNX Runtime returned no float tensor "${name}"`);
      out[name] = { dims: tensor.dims, data: tensor.data };
    }
    return out;
  } finally {
    await session.release();
  }
}
