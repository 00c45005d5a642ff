/**
 * A small Keras 2.2.4 layers model as the files tensorflowjs_converter writes (model.json and two
 * weight shards): input 8×8×3 (or `inputShape`) → Conv2D "conv" (2 filters, 3×3, valid) → ReLU
 * "features" (or another class, to test refusals) → GlobalAveragePooling2D → Dense "logits" (2).
 */
export function layersModelFiles(options: { inputShape?: (number | null)[]; featuresClass?: string } = {}) {
  const layer = (name: string, className: string, config: Record<string, unknown>, inbound: string | null) => ({
    name,
    class_name: className,
    config: { name, ...config },
    inbound_nodes: inbound ? [[[inbound, 0, 0, {}]]] : [],
  });
  const topology = {
    keras_version: "2.2.4",
    backend: "tensorflow",
    model_config: {
      class_name: "Model",
      config: {
        name: "tiny_keras",
        layers: [
          layer("input_1", "InputLayer", { batch_input_shape: options.inputShape ?? [null, 8, 8, 3], dtype: "float32" }, null),
          layer("conv", "Conv2D", { filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: "valid", data_format: "channels_last", activation: "linear", use_bias: true }, "input_1"),
          layer("features", options.featuresClass ?? "Activation", { activation: "relu" }, "conv"),
          layer("pool", "GlobalAveragePooling2D", { data_format: "channels_last" }, "features"),
          layer("logits", "Dense", { units: 2, activation: "linear", use_bias: true }, "pool"),
        ],
        input_layers: [["input_1", 0, 0]],
        output_layers: [["logits", 0, 0]],
      },
    },
  };
  const specs = [
    { name: "conv/kernel", shape: [3, 3, 3, 2], dtype: "float32" },
    { name: "conv/bias", shape: [2], dtype: "float32" },
    { name: "logits/kernel", shape: [2, 2], dtype: "float32" },
    { name: "logits/bias", shape: [2], dtype: "float32" },
  ];
  const values = Float32Array.from({ length: 54 + 2 + 4 + 2 }, (_, i) => ((i * 37) % 11) / 10 - 0.5);
  const bytes = Buffer.from(values.buffer);
  // Two shards, as tensorflowjs_converter splits weights.
  const half = 128;
  const modelJson = JSON.stringify({ format: "layers-model", modelTopology: topology, weightsManifest: [{ paths: ["group1-shard1of2.bin", "group1-shard2of2.bin"], weights: specs }] });
  return { "model.json": Buffer.from(modelJson), "group1-shard1of2.bin": bytes.subarray(0, half), "group1-shard2of2.bin": bytes.subarray(half) };
}
