import { z } from "zod";
import { computeTfPadding } from "../tf-padding.ts";
import { dataFormatSchema, intPairSchema, paddingModeSchema, parseLayerConfig } from "./layer-config.ts";
import { imageInput, scoped, type LayerConverter } from "./layer-converter.ts";

const poolConfigSchema = z.object({
  pool_size: intPairSchema.default([2, 2]),
  strides: intPairSchema.nullish(), // null: the pool size
  padding: paddingModeSchema.default("valid"),
  data_format: dataFormatSchema,
});

function poolingConverter(op: "MaxPool" | "AveragePool"): LayerConverter {
  return (conversion) => {
    const input = imageInput(conversion);
    const config = parseLayerConfig(conversion.layer, poolConfigSchema);
    const [kh, kw] = config.pool_size;
    const strides = config.strides ?? config.pool_size;
    const rows = computeTfPadding({ size: input.shape.height, kernel: kh, stride: strides[0], mode: config.padding });
    const cols = computeTfPadding({ size: input.shape.width, kernel: kw, stride: strides[1], mode: config.padding });
    conversion.graph.addNode({
      op,
      inputs: [input.name],
      outputs: [conversion.output],
      attributes: {
        kernel_shape: { ints: [kh, kw] },
        strides: { ints: strides },
        pads: { ints: [rows.padBegin, cols.padBegin, rows.padEnd, cols.padEnd] },
        // TensorFlow averages over the cells inside the image only (InceptionV3's 3×3 `same` pools rely on it).
        ...(op === "AveragePool" ? { count_include_pad: { int: 0 } } : {}),
      },
    });
    return { rank: 4, channels: input.shape.channels, height: rows.outputSize, width: cols.outputSize };
  };
}

export const convertMaxPooling2D = poolingConverter("MaxPool");
export const convertAveragePooling2D = poolingConverter("AveragePool");

function globalPoolingConverter(op: "GlobalMaxPool" | "GlobalAveragePool"): LayerConverter {
  return (conversion) => {
    const input = imageInput(conversion);
    const config = parseLayerConfig(conversion.layer, z.object({ keepdims: z.boolean().default(false), data_format: dataFormatSchema }));
    const channels = input.shape.channels;
    if (config.keepdims) {
      conversion.graph.addNode({ op, inputs: [input.name], outputs: [conversion.output] });
      return { rank: 4, channels, height: 1, width: 1 };
    }
    const pooled = scoped(conversion, "pooled");
    conversion.graph.addNode({ op, inputs: [input.name], outputs: [pooled] });
    conversion.graph.addNode({ op: "Flatten", inputs: [pooled], outputs: [conversion.output], attributes: { axis: { int: 1 } } });
    return { rank: 2, units: channels };
  };
}

export const convertGlobalMaxPooling2D = globalPoolingConverter("GlobalMaxPool");
export const convertGlobalAveragePooling2D = globalPoolingConverter("GlobalAveragePool");
