import type { Frame } from "@kao/db";
import { notFound } from "../../../errors.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { getFrame } from "../../frames/service/get-frame.ts";
import { lockDatasetLabelling } from "./dataset-lock.ts";
import { lockFrame } from "./lock-frame.ts";
import { writeLeases } from "./queue-sql.ts";
import { requireLabeller } from "./require-labeller.ts";
import { TX_OPTIONS } from "./sql.ts";
import { storeSettlements } from "./store-settlements.ts";

/**
 * Takes back the viewer's label on a frame (a revision with label null records it). A frame no
 * reviewer has decided loses its consensus, reopens and is leased back to the viewer, so the next
 * keystroke can label it again; an adjudicated frame keeps the reviewer's label.
 */
export async function undoLabel(ctx: ServiceContext, frameId: string, options: { leaseSeconds: number }): Promise<Frame> {
  const viewer = requireLabeller(ctx);
  const frame = await getFrame(ctx, frameId);
  return ctx.db.$transaction(async (tx) => {
    await lockDatasetLabelling(tx, frame.datasetId, "shared");
    await lockFrame(tx, frame.id);
    const annotation = await tx.annotation.findUnique({ where: { frameId_userId: { frameId: frame.id, userId: viewer.id } } });
    if (!annotation) throw notFound("Your label on this frame");
    await tx.annotation.delete({ where: { id: annotation.id } });
    await tx.annotationRevision.create({ data: { frameId: frame.id, authorId: viewer.id, label: null, rules: [] } });
    const { overlap } = await tx.dataset.findUniqueOrThrow({ where: { id: frame.datasetId }, select: { overlap: true } });
    await storeSettlements(tx, [frame.id], overlap);
    const updated = await tx.frame.findUniqueOrThrow({ where: { id: frame.id } });
    if (updated.labelStatus === "OPEN") {
      await writeLeases(tx, { datasetId: frame.datasetId, userId: viewer.id, overlap }, [frame.id], options.leaseSeconds);
    }
    return updated;
  }, TX_OPTIONS);
}
