import { createHash } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db, Pooling } from "@kao/db";
import { convertLayersModel, readLayersModel } from "@kao/ml";

/**
 * Registers any Keras / TF.js layers model (model.json + weight shards) as a backbone: converted to
 * ONNX into `<dataDir>/models`, tapped at `tap` (a layer name). Preprocessing is what the model was
 * trained with: pixel × scale + offset per channel (e.g. 1/255 and 0, or 1/127.5 and −1).
 */
export async function importKerasBackbone(options: {
  db: Db;
  dataDir: string;
  folder: string;
  name: string;
  tap: string;
  pooling?: Pooling;
  scale: number;
  offset: number;
  channelOrder?: "RGB" | "BGR";
}) {
  if (await options.db.backbone.findUnique({ where: { name: options.name } })) throw new Error(`a backbone named "${options.name}" already exists`);
  const model = await readLayersModel(options.folder);
  const converted = convertLayersModel(model, { taps: [options.tap] });
  const shape = converted.layerShapes.get(options.tap);
  // The converter refuses unknown taps with the model's layer names; a shape is there for every layer.
  if (shape?.rank !== 4) throw new Error(`layer "${options.tap}" is not a feature map (N × C × H × W); tap a convolutional block`);
  const { inputShape } = converted;
  if (inputShape.rank !== 4 || inputShape.channels !== 3) throw new Error("the model's input is not an RGB image");

  const sha256 = createHash("sha256").update(converted.onnx).digest("hex");
  const file = path.join(options.dataDir, "models", `keras-${sha256.slice(0, 16)}.onnx`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.partial`, converted.onnx);
  await rename(`${file}.partial`, file);
  return options.db.backbone.create({
    data: {
      name: options.name,
      modelPath: path.relative(options.dataDir, file),
      sha256,
      inputWidth: inputShape.width,
      inputHeight: inputShape.height,
      scale: options.scale,
      mean: [0, 1, 2].map(() => 0 - options.offset),
      std: [1, 1, 1],
      channelOrder: options.channelOrder ?? "RGB",
      tapLayer: converted.layerOutputs.get(options.tap) ?? options.tap,
      pooling: options.pooling ?? "MAX",
      dims: shape.channels,
    },
  });
}
