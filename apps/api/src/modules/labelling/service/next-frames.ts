import type { Frame } from "@kao/db";
import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";
import { nextFramesInput, parseRequest } from "./contracts.ts";
import { lockDatasetLabelling } from "./dataset-lock.ts";
import { orderByScene } from "./order-by-scene.ts";
import { filterWithRoom, findOwnLeases, lockCandidates, lockSceneMates, writeLeases, type QueueRow } from "./queue-sql.ts";
import { requireLabeller } from "./require-labeller.ts";
import { TX_OPTIONS } from "./sql.ts";

export interface LabelTask {
  frame: Frame;
  leaseExpiresAt: Date;
}

/**
 * Up to `count` frames for the viewer to label, leased to them for `leaseSeconds`: their own live
 * leases first (a reload does not burn frames), then the next frames in queue order that still have
 * room. See docs/labelling.md for why this never hands a frame to more people than its overlap.
 */
export async function nextFrames(
  ctx: ServiceContext,
  input: { datasetId: string; count?: number | null; wholeScenes?: boolean | null },
  options: { leaseSeconds: number },
): Promise<LabelTask[]> {
  const viewer = requireLabeller(ctx);
  const { datasetId, count, wholeScenes } = parseRequest(nextFramesInput, {
    datasetId: input.datasetId,
    count: input.count ?? 10,
    wholeScenes: input.wholeScenes ?? false,
  });
  const dataset = await getDataset(ctx, datasetId);
  const who = { datasetId: dataset.id, userId: viewer.id, overlap: dataset.overlap };

  const ids = await ctx.db.$transaction(async (tx) => {
    await lockDatasetLabelling(tx, dataset.id, "shared");
    const own = await findOwnLeases(tx, who, count);
    const need = count - own.length;
    if (need <= 0) return (wholeScenes ? orderByScene(own) : own).map((row) => row.id);

    const picked: QueueRow[] = [];
    const taken = own.map((row) => row.id);
    for (const candidate of await lockCandidates(tx, who, need, taken)) {
      if (picked.length >= need) break;
      if (taken.includes(candidate.id)) continue; // already picked as a scene mate
      picked.push(candidate);
      taken.push(candidate.id);
      if (wholeScenes && candidate.sceneId) {
        const mates = await lockSceneMates(tx, who, candidate.sceneId, need - picked.length, taken);
        picked.push(...mates);
        taken.push(...mates.map((mate) => mate.id));
      }
    }
    const withRoom = await filterWithRoom(tx, who, picked.map((row) => row.id));
    const fresh = picked.filter((row) => withRoom.has(row.id));
    await writeLeases(tx, who, fresh.map((row) => row.id), options.leaseSeconds);
    return (wholeScenes ? [...orderByScene(own), ...orderByScene(fresh)] : [...own, ...fresh]).map((row) => row.id);
  }, TX_OPTIONS);

  const leases = await ctx.db.frameLease.findMany({ where: { userId: viewer.id, frameId: { in: ids } }, include: { frame: true } });
  const byFrame = new Map(leases.map((lease) => [lease.frameId, lease]));
  return ids.flatMap((id) => {
    const lease = byFrame.get(id);
    return lease ? [{ frame: lease.frame, leaseExpiresAt: lease.expiresAt }] : [];
  });
}
