import type { Annotation } from "@kao/db";
import { isId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";
import { parseRequest, submitLabelsInput, type LabelDecision } from "./contracts.ts";
import { lockDatasetLabelling } from "./dataset-lock.ts";
import { decideLabel, type RejectionCode } from "./decide-label.ts";
import { inspectFrames } from "./inspect-frames.ts";
import { requireLabeller } from "./require-labeller.ts";
import { TX_OPTIONS } from "./sql.ts";
import { storeSettlements } from "./store-settlements.ts";
import { writeAnnotations } from "./write-annotations.ts";

export interface RejectedDecision {
  frameId: string;
  code: RejectionCode;
  message: string;
}

/**
 * Records a page of decisions, answering each on its own (accepted, or rejected with a code), so one
 * bad decision never loses the others. Rules: docs/labelling.md, "Decisions".
 */
export async function submitLabels(
  ctx: ServiceContext,
  input: { datasetId: string; decisions: readonly { frameId: string; label: string; rules?: readonly string[] | null; durationMs?: number | null }[] },
): Promise<{ accepted: Annotation[]; rejected: RejectedDecision[] }> {
  const viewer = requireLabeller(ctx);
  const { datasetId, decisions } = parseRequest(submitLabelsInput, input);
  await getDataset(ctx, datasetId);

  return ctx.db.$transaction(async (tx) => {
    await lockDatasetLabelling(tx, datasetId, "shared");
    // Read after the lock: an overlap change in flight has either committed or not started.
    const dataset = await tx.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { overlap: true, ruleNames: true } });
    // Rejections are answered in the order of the decisions, whichever check caught them.
    const rejected: (RejectedDecision & { index: number })[] = [];
    const position = new Map(decisions.map((decision, index) => [decision, index]));
    const reject = (decision: LabelDecision, code: RejectionCode, message: string) =>
      void rejected.push({ index: position.get(decision) ?? 0, frameId: decision.frameId, code, message });

    const valid: LabelDecision[] = [];
    const seen = new Set<string>();
    for (const decision of decisions) {
      const unknownRules = decision.rules.filter((rule) => !dataset.ruleNames.includes(rule));
      if (!isId(decision.frameId)) reject(decision, "INVALID", "Not a valid frame id.");
      else if (seen.has(decision.frameId)) reject(decision, "INVALID", "This frame appears more than once in the request.");
      else if (unknownRules.length) reject(decision, "INVALID", `Not rules of this dataset: ${unknownRules.join(", ")}.`);
      else valid.push(decision);
      seen.add(decision.frameId);
    }

    const frames = await inspectFrames(tx, { datasetId, userId: viewer.id, frameIds: valid.map((decision) => decision.frameId) });
    const accepted: string[] = []; // frame ids, in the order of the decisions
    const writes: LabelDecision[] = [];
    for (const decision of valid) {
      const state = frames.get(decision.frameId);
      if (!state) {
        reject(decision, "NOT_FOUND", "No such frame in this dataset.");
        continue;
      }
      const outcome = decideLabel(state, decision, dataset.overlap);
      if (outcome.kind === "reject") {
        reject(decision, outcome.code, outcome.message);
        continue;
      }
      accepted.push(decision.frameId);
      if (outcome.kind !== "noop") writes.push(decision);
    }
    await writeAnnotations(tx, viewer.id, writes);
    // The decision is made: the lease has done its job (also after a no-op, e.g. a double submit).
    const decided = valid.map((decision) => decision.frameId).filter((id) => frames.has(id));
    if (decided.length) await tx.frameLease.deleteMany({ where: { userId: viewer.id, frameId: { in: decided } } });
    await storeSettlements(tx, writes.map((decision) => decision.frameId), dataset.overlap);

    const annotations = await tx.annotation.findMany({ where: { userId: viewer.id, frameId: { in: accepted } } });
    const byFrame = new Map(annotations.map((row) => [row.frameId, row]));
    return {
      accepted: accepted.flatMap((frameId) => byFrame.get(frameId) ?? []),
      rejected: rejected.sort((a, b) => a.index - b.index).map(({ index: _index, ...rejection }) => rejection),
    };
  }, TX_OPTIONS);
}
