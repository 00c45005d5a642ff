import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { ConflictError, parseInput } from "../../../graphql/result-errors.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { registerBackboneInput } from "./contracts.ts";
import { resolveModelPath } from "./model-path.ts";
import { probeBackbone } from "./probe-backbone.ts";

/**
 * Registers an ONNX file on the server as a backbone (admins). The file stays where it is: the path
 * is stored as given (relative paths are under KAO_DATA_DIR, on the API and on every worker), with
 * its sha256, so a worker refuses a file that changed since. Nothing is stored unless the model opened,
 * the tap resolved and one image ran through it.
 */
export async function registerBackbone(ctx: ServiceContext & { platform: Platform }, input: unknown) {
  requireAdmin(ctx);
  const data = parseInput(registerBackboneInput, input);
  if (await ctx.db.backbone.findUnique({ where: { name: data.name }, select: { id: true } })) {
    throw new ConflictError(`A backbone named "${data.name}" already exists.`);
  }
  const pooling = data.pooling ?? "MAX";
  const preprocessing = {
    width: data.width ?? null,
    height: data.height ?? null,
    channelOrder: data.channelOrder ?? "RGB",
    scale: data.scale ?? 1,
    mean: data.mean ?? [],
    std: data.std ?? [],
  };
  const probed = await probeBackbone({ file: resolveModelPath(ctx.platform, data.path), tap: data.tap, pooling, preprocessing });
  return ctx.db.$transaction(async (tx) => {
    const backbone = await tx.backbone.create({
      data: {
        name: data.name,
        modelPath: data.path,
        sha256: probed.sha256,
        inputWidth: probed.inputWidth,
        inputHeight: probed.inputHeight,
        channelOrder: preprocessing.channelOrder,
        scale: preprocessing.scale,
        mean: preprocessing.mean,
        std: preprocessing.std,
        tapLayer: probed.tapLayer,
        pooling,
        dims: probed.dims,
      },
    });
    await recordAudit(tx, ctx, { action: "backbone.register", targetType: "Backbone", targetId: backbone.id, data: { name: data.name, path: data.path, tap: probed.tapLayer, dims: probed.dims } });
    return backbone;
  });
}
