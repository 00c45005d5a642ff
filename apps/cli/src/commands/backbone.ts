import type { Command } from "commander";
import { importKerasBackbone } from "@kao/worker";
import type { CliConfig } from "../config.ts";
import { withServices } from "../context.ts";

const number = (value: string) => {
  // "1/255" is how people write these scales.
  const [a, b] = value.split("/").map(Number);
  const result = b === undefined ? Number(a) : Number(a) / b;
  if (!Number.isFinite(result)) throw new Error(`not a number: ${value}`);
  return result;
};

export function registerBackboneCommands(program: Command, config: () => CliConfig) {
  const backbone = program.command("backbone").description("feature-extraction backbones");

  backbone
    .command("list")
    .description("list registered backbones")
    .action(async () => {
      await withServices(config(), async (ctx) => {
        for (const row of await ctx.db.backbone.findMany({ orderBy: { name: "asc" } })) {
          console.log(`${row.name}\t${row.inputWidth}×${row.inputHeight}\ttap ${row.tapLayer} (${row.dims}, ${row.pooling})\t${row.modelPath}`);
        }
      });
    });

  backbone
    .command("import-keras <folder>")
    .description("convert a Keras / TF.js layers model (model.json + shards) to ONNX and register it")
    .requiredOption("--name <name>", "backbone name")
    .requiredOption("--tap <layer>", "layer whose feature map is pooled (e.g. mixed7)")
    .option("--pooling <MAX|AVG>", "per-channel pooling", "MAX")
    .option("--scale <n>", "pixel (0–255) × scale + offset, e.g. 1/255 or 1/127.5", number, 1 / 255)
    .option("--offset <n>", "added after scaling, e.g. 0 or -1", number, 0)
    .option("--bgr", "the model expects blue, green, red")
    .action(async (folder: string, options: { name: string; tap: string; pooling: string; scale: number; offset: number; bgr?: boolean }) => {
      const pooling = options.pooling.toUpperCase();
      if (pooling !== "MAX" && pooling !== "AVG") throw new Error("--pooling must be MAX or AVG");
      const cli = config();
      await withServices(cli, async (ctx) => {
        const created = await importKerasBackbone({
          db: ctx.db,
          dataDir: cli.dataDir,
          folder,
          name: options.name,
          tap: options.tap,
          pooling,
          scale: options.scale,
          offset: options.offset,
          channelOrder: options.bgr ? "BGR" : "RGB",
        });
        console.log(`registered "${created.name}": ${created.inputWidth}×${created.inputHeight} input, ${created.dims} features from ${options.tap}, ${created.modelPath}`);
      });
    });
}
