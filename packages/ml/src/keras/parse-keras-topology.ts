import { z } from "zod";

/** One Keras layer call: its class, raw config and the layers whose outputs it reads. */
export interface KerasLayerNode {
  name: string;
  className: string;
  config: Record<string, unknown>;
  inbound: readonly string[]; // layer names, in argument order
}

/** A single-input, single-output Keras model as a layer list in topological order. */
export interface KerasTopology {
  name: string;
  layers: readonly KerasLayerNode[];
  inputLayer: string;
  outputLayer: string;
}

const layerSchema = z.object({
  name: z.string().optional(),
  class_name: z.string(),
  config: z.record(z.string(), z.unknown()),
  inbound_nodes: z.array(z.unknown()).optional(),
});
type RawLayer = z.infer<typeof layerSchema>;

// Keras 2: [layer_name, node_index, tensor_index, kwargs?]
const inboundEntrySchema = z.tuple([z.string(), z.number().int(), z.number().int()], z.unknown());
const layerRefSchema = z.tuple([z.string(), z.number().int(), z.number().int()]);

const functionalSchema = z.object({
  class_name: z.enum(["Model", "Functional"]),
  config: z.object({
    name: z.string().default("model"),
    layers: z.array(layerSchema),
    // A list of [name, node, tensor] references, or (newer Keras, one input) the bare reference.
    input_layers: z.union([z.array(layerRefSchema), layerRefSchema]),
    output_layers: z.union([z.array(layerRefSchema), layerRefSchema]),
  }),
});

const sequentialSchema = z.object({
  class_name: z.literal("Sequential"),
  // Older Keras writes the layer list itself, newer Keras and tfjs `{ name, layers }`.
  config: z.union([z.array(layerSchema), z.object({ name: z.string().default("sequential"), layers: z.array(layerSchema) })]),
});

/** Reads a Keras `model_config` (or a topology wrapping one, as model.json's `modelTopology` does). */
export function parseKerasTopology(modelTopology: Record<string, unknown>): KerasTopology {
  const modelConfig = "model_config" in modelTopology ? modelTopology["model_config"] : modelTopology;
  const parsed = z.union([functionalSchema, sequentialSchema]).safeParse(modelConfig);
  if (!parsed.success) {
    throw new Error(`the model topology is neither a Keras functional Model nor a Sequential model: ${z.prettifyError(parsed.error)}`);
  }
  if (parsed.data.class_name === "Sequential") return parseSequential(parsed.data.config);
  const { name, layers, input_layers, output_layers } = parsed.data.config;
  return {
    name,
    layers: sortTopologically(layers.map(toFunctionalNode)),
    inputLayer: singleRef(input_layers, "input"),
    outputLayer: singleRef(output_layers, "output"),
  };
}

function toFunctionalNode(layer: RawLayer): KerasLayerNode {
  const name = layerName(layer);
  const nodes = layer.inbound_nodes ?? [];
  if (nodes.length > 1) throw new Error(`layer "${name}" (${layer.class_name}) is called ${nodes.length} times; shared layers are not supported`);
  const node = nodes[0];
  if (node === undefined) return { name, className: layer.class_name, config: layer.config, inbound: [] };
  const entries = z.array(inboundEntrySchema).safeParse(node);
  if (!entries.success) {
    throw new Error(`layer "${name}" has inbound nodes in a format other than Keras 2's [[name, node, tensor, kwargs]]: ${JSON.stringify(node)}`);
  }
  const inbound = entries.data.map(([source, nodeIndex, tensorIndex]) => {
    if (nodeIndex !== 0 || tensorIndex !== 0) {
      throw new Error(`layer "${name}" reads output ${tensorIndex} of call ${nodeIndex} of "${source}"; only single-call, single-output layers are supported`);
    }
    return source;
  });
  return { name, className: layer.class_name, config: layer.config, inbound };
}

function parseSequential(config: z.infer<typeof sequentialSchema>["config"]): KerasTopology {
  const layers = Array.isArray(config) ? config : config.layers;
  const first = layers[0];
  if (first === undefined) throw new Error("the Sequential model has no layers");
  const nodes: KerasLayerNode[] = [];
  // Keras 2.2 leaves the InputLayer out and puts batch_input_shape on the first layer, named as Keras does.
  if (first.class_name !== "InputLayer") {
    const batchInputShape = first.config["batch_input_shape"];
    if (batchInputShape === undefined) throw new Error(`the Sequential model's first layer "${layerName(first)}" has no batch_input_shape`);
    nodes.push({ name: `${layerName(first)}_input`, className: "InputLayer", config: { batch_input_shape: batchInputShape }, inbound: [] });
  }
  for (const layer of layers) {
    const previous = nodes.at(-1);
    nodes.push({ name: layerName(layer), className: layer.class_name, config: layer.config, inbound: previous ? [previous.name] : [] });
  }
  const input = nodes[0];
  const output = nodes.at(-1);
  if (input === undefined || output === undefined) throw new Error("the Sequential model has no layers");
  return { name: Array.isArray(config) ? "sequential" : config.name, layers: nodes, inputLayer: input.name, outputLayer: output.name };
}

function layerName(layer: RawLayer): string {
  const name = layer.name ?? layer.config["name"];
  if (typeof name !== "string" || name === "") throw new Error(`a ${layer.class_name} layer has no name`);
  return name;
}

type LayerRef = z.infer<typeof layerRefSchema>;

function singleRef(refs: LayerRef[] | LayerRef, what: string): string {
  const list = isLayerRef(refs) ? [refs] : refs;
  const first = list[0];
  if (list.length !== 1 || first === undefined) {
    throw new Error(`the model has ${list.length} ${what}s (${list.map((ref) => ref[0]).join(", ")}); exactly one is supported`);
  }
  return first[0];
}

function isLayerRef(refs: LayerRef[] | LayerRef): refs is LayerRef {
  return typeof refs[0] === "string";
}

/** Orders layers so each comes after its inputs, keeping the file's order where it allows. */
function sortTopologically(layers: readonly KerasLayerNode[]): KerasLayerNode[] {
  const byName = new Map(layers.map((layer) => [layer.name, layer]));
  if (byName.size !== layers.length) throw new Error("two layers share a name");
  const sorted: KerasLayerNode[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (layer: KerasLayerNode): void => {
    const seen = state.get(layer.name);
    if (seen === "done") return;
    if (seen === "visiting") throw new Error(`the layer graph has a cycle through "${layer.name}"`);
    state.set(layer.name, "visiting");
    for (const source of layer.inbound) {
      const input = byName.get(source);
      if (input === undefined) throw new Error(`layer "${layer.name}" reads "${source}", which is not a layer of the model`);
      visit(input);
    }
    state.set(layer.name, "done");
    sorted.push(layer);
  };
  for (const layer of layers) visit(layer);
  return sorted;
}
