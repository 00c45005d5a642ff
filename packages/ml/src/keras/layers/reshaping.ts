import { z } from "zod";
import { dataFormatSchema, parseLayerConfig } from "./layer-config.ts";
import { imageInput, scoped, singleInput, type LayerConverter } from "./layer-converter.ts";

const nonNegative = z.number().int().nonnegative();
const pairSchema = z.tuple([nonNegative, nonNegative]);

// Keras accepts 1, [1, 2] (rows, cols) or [[top, bottom], [left, right]].
type Pads = [[number, number], [number, number]]; // [[top, bottom], [left, right]]
const zeroPaddingConfigSchema = z.object({
  padding: z
    .union([
      nonNegative.transform((all): Pads => [[all, all], [all, all]]),
      pairSchema.transform(([rows, cols]): Pads => [[rows, rows], [cols, cols]]),
      z.tuple([pairSchema, pairSchema]),
    ])
    .default([[1, 1], [1, 1]]),
  data_format: dataFormatSchema,
});

export const convertZeroPadding2D: LayerConverter = (conversion) => {
  const input = imageInput(conversion);
  const { padding } = parseLayerConfig(conversion.layer, zeroPaddingConfigSchema);
  const [[top, bottom], [left, right]] = padding;
  const padsName = scoped(conversion, "pads");
  // Pad-13: [x1_begin, x2_begin, …, x1_end, x2_end, …] over N, C, H, W
  conversion.graph.addInitializer(padsName, BigInt64Array.from([0, 0, top, left, 0, 0, bottom, right].map(BigInt)), [8]);
  conversion.graph.addNode({ op: "Pad", inputs: [input.name, padsName], outputs: [conversion.output] });
  const { channels, height, width } = input.shape;
  return { rank: 4, channels, height: height + top + bottom, width: width + left + right };
};

/**
 * Keras flattens NHWC tensors in h, w, c order, and the Dense layer after it was trained on that
 * order, so the NCHW tensor goes back to NHWC first.
 */
export const convertFlatten: LayerConverter = (conversion) => {
  const input = singleInput(conversion);
  parseLayerConfig(conversion.layer, z.object({ data_format: dataFormatSchema }));
  if (input.shape.rank === 2) {
    conversion.graph.addNode({ op: "Identity", inputs: [input.name], outputs: [conversion.output] });
    return input.shape;
  }
  const nhwc = scoped(conversion, "nhwc");
  conversion.graph.addNode({ op: "Transpose", inputs: [input.name], outputs: [nhwc], attributes: { perm: { ints: [0, 2, 3, 1] } } });
  conversion.graph.addNode({ op: "Flatten", inputs: [nhwc], outputs: [conversion.output], attributes: { axis: { int: 1 } } });
  const { channels, height, width } = input.shape;
  return { rank: 2, units: channels * height * width };
};

/** Dropout does nothing at inference; an Identity keeps the layer's name addressable. */
export const convertDropout: LayerConverter = (conversion) => {
  const input = singleInput(conversion);
  conversion.graph.addNode({ op: "Identity", inputs: [input.name], outputs: [conversion.output] });
  return input.shape;
};
