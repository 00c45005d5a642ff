import type { Frame } from "@kao/db";
import { recordAudit } from "../../../audit.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { getFrame } from "../../frames/service/get-frame.ts";
import { adjudicateInput, parseRequest } from "./contracts.ts";
import { lockDatasetLabelling } from "./dataset-lock.ts";
import { lockFrame } from "./lock-frame.ts";
import { REVIEW_ROLES, requireLabeller } from "./require-labeller.ts";
import { TX_OPTIONS } from "./sql.ts";

/**
 * A reviewer's final label for a frame: DONE with consensus ADJUDICATED, whatever the labellers said.
 * Works on frames in review and overrides DONE ones; each call is kept in the audit log, which is
 * where the frame's history finds earlier adjudications.
 */
export async function adjudicate(ctx: ServiceContext, input: { frameId: string; label: string; note?: string | null }): Promise<Frame> {
  const viewer = requireLabeller(ctx, REVIEW_ROLES);
  const { frameId, label, note } = parseRequest(adjudicateInput, input);
  const frame = await getFrame(ctx, frameId);
  return ctx.db.$transaction(async (tx) => {
    await lockDatasetLabelling(tx, frame.datasetId, "shared");
    await lockFrame(tx, frame.id);
    const decided = { label, method: "ADJUDICATED" as const, adjudicatedById: viewer.id, note };
    await tx.consensus.upsert({ where: { frameId: frame.id }, create: { frameId: frame.id, ...decided }, update: decided });
    // Nobody can label a decided frame, so its leases only hold up queue counts.
    await tx.frameLease.deleteMany({ where: { frameId: frame.id } });
    const updated = await tx.frame.update({ where: { id: frame.id }, data: { labelStatus: "DONE" } });
    await recordAudit(tx, ctx, { action: "label.adjudicate", targetType: "Frame", targetId: frame.id, datasetId: frame.datasetId, data: { label, note } });
    return updated;
  }, TX_OPTIONS);
}
