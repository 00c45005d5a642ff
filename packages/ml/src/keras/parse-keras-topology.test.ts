import { describe, expect, it } from "vitest";
import { parseKerasTopology } from "./parse-keras-topology.ts";

const input = { name: "input_1", class_name: "InputLayer", config: { batch_input_shape: [null, 4, 4, 3] }, inbound_nodes: [] };
const relu = (name: string, source: string) => ({ name, class_name: "Activation", config: { activation: "relu" }, inbound_nodes: [[[source, 0, 0, {}]]] });

describe("parseKerasTopology", () => {
  it("reads a Keras 2.2.4 Sequential model whose config is the bare layer list, adding the implicit input layer", () => {
    const topology = parseKerasTopology({
      class_name: "Sequential",
      config: [
        { class_name: "Conv2D", config: { name: "conv2d_1", batch_input_shape: [null, 8, 8, 3], filters: 2, kernel_size: [3, 3] } },
        { class_name: "Flatten", config: { name: "flatten_1" } },
      ],
    });
    expect(topology.inputLayer).toBe("conv2d_1_input");
    expect(topology.outputLayer).toBe("flatten_1");
    expect(topology.layers.map((layer) => [layer.name, layer.className, layer.inbound])).toEqual([
      ["conv2d_1_input", "InputLayer", []],
      ["conv2d_1", "Conv2D", ["conv2d_1_input"]],
      ["flatten_1", "Flatten", ["conv2d_1"]],
    ]);
  });

  it("reads a functional model wrapped in model_config, with bare input/output references, and orders layers by dependency", () => {
    const topology = parseKerasTopology({
      model_config: {
        class_name: "Functional",
        config: {
          name: "m",
          layers: [relu("b", "a"), input, relu("a", "input_1"), { name: "sum", class_name: "Add", config: {}, inbound_nodes: [[["a", 0, 0, {}], ["b", 0, 0, {}]]] }],
          input_layers: ["input_1", 0, 0],
          output_layers: ["sum", 0, 0],
        },
      },
    });
    expect(topology.layers.map((layer) => layer.name)).toEqual(["input_1", "a", "b", "sum"]);
    expect(topology.layers.at(-1)?.inbound).toEqual(["a", "b"]);
  });

  it("rejects shared layers, unknown sources, several outputs and Keras 3 node dictionaries with the layer named", () => {
    const model = (layers: unknown[], outputs: unknown = [["a", 0, 0]]) =>
      ({ class_name: "Model", config: { name: "m", layers, input_layers: [["input_1", 0, 0]], output_layers: outputs } });
    const shared = { ...relu("a", "input_1"), inbound_nodes: [[["input_1", 0, 0, {}]], [["input_1", 0, 0, {}]]] };
    expect(() => parseKerasTopology(model([input, shared]))).toThrow(/layer "a" \(Activation\) is called 2 times; shared layers are not supported/);
    expect(() => parseKerasTopology(model([input, relu("a", "nowhere")]))).toThrow(/layer "a" reads "nowhere", which is not a layer of the model/);
    expect(() => parseKerasTopology(model([input, relu("a", "input_1"), relu("b", "input_1")], [["a", 0, 0], ["b", 0, 0]]))).toThrow(/the model has 2 outputs \(a, b\); exactly one is supported/);
    const keras3 = { ...relu("a", "input_1"), inbound_nodes: [{ args: [{ class_name: "__keras_tensor__" }], kwargs: {} }] };
    expect(() => parseKerasTopology(model([input, keras3]))).toThrow(/layer "a" has inbound nodes in a format other than Keras 2's/);
    expect(() => parseKerasTopology({ class_name: "Model", config: {} })).toThrow(/neither a Keras functional Model nor a Sequential model/);
  });
});
