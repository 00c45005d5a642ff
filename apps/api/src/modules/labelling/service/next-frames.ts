import type { Frame, Prisma } from "@kao/db";
import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";
import { nextFramesInput, parseRequest } from "./contracts.ts";
import { lockDatasetLabelling } from "./dataset-lock.ts";
import { orderByScene } from "./order-by-scene.ts";
import { filterWithRoom, findOwnLeases, lockCandidates, lockSceneMates, waitForCandidate, writeLeases, type QueueRow, type Who } from "./queue-sql.ts";
import { requireLabeller } from "./require-labeller.ts";
import { TX_OPTIONS } from "./sql.ts";

/** Rounds of candidate picking per request; each runs two statements. */
const MAX_ROUNDS = 4;

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

    const fresh: QueueRow[] = [];
    const tried = own.map((row) => row.id);
    // A frame can fill up between this statement's snapshot and its row lock (another request's leases
    // commit in between and touch no Frame row, so Postgres does not re-check it): filterWithRoom drops
    // it. A few more rounds, each on a newer snapshot, keep such a race from answering [] while frames
    // are open (seen under 50 concurrent labellers).
    // SKIP LOCKED also passes over open frames that a concurrent submit or lease holds for a moment;
    // answering [] then tells a labeller "all done" while frames still need them (seen in CI with 5
    // labellers). So when nothing is picked, the request waits once for such a frame, after rolling
    // back to a savepoint to release the locks of frames dropped so far: holding no frame lock while
    // waiting for one, it cannot close a deadlock cycle.
    await tx.$executeRaw`SAVEPOINT next_frames_pick`;
    let waited = false;
    for (let round = 0; round < MAX_ROUNDS && fresh.length < need; round++) {
      let picked = await pickCandidates(tx, who, need - fresh.length, tried, wholeScenes);
      if (picked.length === 0 && fresh.length === 0 && !waited) {
        waited = true;
        await tx.$executeRaw`ROLLBACK TO SAVEPOINT next_frames_pick`;
        picked = await waitForCandidate(tx, who, tried);
        tried.push(...picked.map((row) => row.id));
      }
      if (picked.length === 0) break;
      const withRoom = await filterWithRoom(tx, who, picked.map((row) => row.id));
      fresh.push(...picked.filter((row) => withRoom.has(row.id)));
    }
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

/** Locks up to `need` candidates in queue order (with their scene mates in grid mode), adding them to `tried`. */
async function pickCandidates(tx: Prisma.TransactionClient, who: Who, need: number, tried: string[], wholeScenes: boolean): Promise<QueueRow[]> {
  const picked: QueueRow[] = [];
  for (const candidate of await lockCandidates(tx, who, need, tried)) {
    if (picked.length >= need) break;
    if (tried.includes(candidate.id)) continue; // already picked as a scene mate
    picked.push(candidate);
    tried.push(candidate.id);
    if (wholeScenes && candidate.sceneId) {
      const mates = await lockSceneMates(tx, who, candidate.sceneId, need - picked.length, tried);
      picked.push(...mates);
      tried.push(...mates.map((mate) => mate.id));
    }
  }
  return picked;
}
