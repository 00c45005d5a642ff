import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Fixes a layers model's input height and width where model.json leaves them open (Keras models built
 * with `include_top=False` take any size, but the ONNX converter needs fixed ones). A model with a
 * fixed size keeps it, and a different size asked for is refused, since its weights were made for it.
 */
export async function setKerasInputSize(folder: string, size: { width: number; height: number }): Promise<void> {
  const file = path.join(folder, "model.json");
  const model = JSON.parse(await readFile(file, "utf8")) as Json;
  let found = 0;
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    for (const key of ["batch_input_shape", "batch_shape"]) {
      const shape = node[key];
      if (Array.isArray(shape) && shape.length === 4) {
        found++;
        const [batch, height, width, channels] = shape;
        if ((typeof height === "number" && height !== size.height) || (typeof width === "number" && width !== size.width)) {
          throw new Error(`the model takes ${String(width)}×${String(height)} images, not ${size.width}×${size.height}; leave the input size empty`);
        }
        node[key] = [batch ?? null, size.height, size.width, channels ?? null];
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(model);
  if (found === 0) throw new Error("model.json has no image input ([batch, height, width, channels]) whose size could be set");
  await writeFile(file, JSON.stringify(model));
}
