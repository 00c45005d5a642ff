import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn } from "./support/graphql.ts";
import { NEXT_FRAMES, caller, nextFrames, seedLabelling, submit } from "./support/labelling.ts";

let api: TestApi;
let shortLeases: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  // A second API on the same database whose leases last one second, for the expiry cases.
  shortLeases = await startTestApi({ leaseSeconds: 1 });
});
afterAll(async () => {
  await api.close();
  await shortLeases.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Live leases per frame of a dataset, straight from the database. */
async function liveLeases(datasetId: string) {
  const leases = await api.db.frameLease.findMany({ where: { frame: { datasetId }, expiresAt: { gt: new Date() } } });
  const byFrame = new Map<string, string[]>();
  for (const lease of leases) byFrame.set(lease.frameId, [...(byFrame.get(lease.frameId) ?? []), lease.userId]);
  return byFrame;
}

describe("nextFrames", () => {
  it("hands out frames by priority, then by queue rank, and leases them for the configured time", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { frames: 5, roles: ["LABELER"] });
    const ranks = [0.5, 0.1, 0.9, 0.3, 0.7];
    for (const [i, frame] of frames.entries()) await api.db.frame.update({ where: { id: frame.id }, data: { queueRank: ranks[i] ?? 0 } });
    const urgent = frames[4];
    if (!urgent) throw new Error("no frame");
    await api.db.frame.update({ where: { id: urgent.id }, data: { priority: 2 } });

    const before = Date.now();
    const tasks = await nextFrames(caller(callers, 0), dataset.id, 10);

    const byRank = (i: number) => frames[i]?.id;
    expect(tasks.map((task) => task.frame.id)).toEqual([byRank(4), byRank(1), byRank(3), byRank(0), byRank(2)]);
    for (const task of tasks) {
      const seconds = (new Date(task.leaseExpiresAt).getTime() - before) / 1000;
      expect(seconds).toBeGreaterThan(590);
      expect(seconds).toBeLessThan(610);
    }
  });

  it("never leases a frame to two people with overlap 1, under concurrent requests", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { frames: 30, roles: ["LABELER", "LABELER", "LABELER", "LABELER", "REVIEWER"] });

    // Two requests at once from each of 5 labellers, 50 frames asked for, 30 there.
    const answers = await Promise.all(callers.flatMap((who) => [nextFrames(who, dataset.id, 5), nextFrames(who, dataset.id, 5)].map(async (tasks) => ({ who, tasks: await tasks }))));

    const holder = new Map<string, string>();
    for (const { who, tasks } of answers) {
      for (const task of tasks) {
        const previous = holder.get(task.frame.id);
        expect(previous === undefined || previous === who.user.id, `frame ${task.frame.id} went to two people`).toBe(true);
        holder.set(task.frame.id, who.user.id);
      }
    }
    const leases = await liveLeases(dataset.id);
    for (const users of leases.values()) expect(users).toHaveLength(1);

    // Asking again, one at a time, hands out whatever is left, still to one person each.
    for (const who of callers) await nextFrames(who, dataset.id, 10);
    const after = await liveLeases(dataset.id);
    expect(after.size).toBe(frames.length);
    for (const users of after.values()) expect(users).toHaveLength(1);
    // Nobody got more than the 10 they may hold at once.
    const perUser = new Map<string, number>();
    for (const [user] of after.values()) if (user) perUser.set(user, (perUser.get(user) ?? 0) + 1);
    for (const count of perUser.values()) expect(count).toBeLessThanOrEqual(10);
  });

  it("answers every concurrent request in full while enough frames are open", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { frames: 250, roles: Array.from({ length: 12 }, () => "LABELER" as const) });

    // 12 labellers × 4 requests of 5 at once: at most 240 frames asked for, 250 there. Requests racing for the
    // same first frames must go on down the queue rather than come back short (the web app reads [] as
    // "drained" and waits).
    const answers = await Promise.all(callers.flatMap((who) => [1, 2, 3, 4].map(() => nextFrames(who, dataset.id, 5))));
    expect(answers.map((tasks) => tasks.length)).toEqual(answers.map(() => 5));
    const leases = await liveLeases(dataset.id);
    expect(leases.size).toBeLessThanOrEqual(frames.length);
    for (const users of leases.values()) expect(users).toHaveLength(1);
  });

  it("gives each frame to exactly two people with overlap 2", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap: 2, frames: 10, roles: ["LABELER", "LABELER", "LABELER", "LABELER"] });

    await Promise.all(callers.map((who) => nextFrames(who, dataset.id, 10)));
    for (const users of (await liveLeases(dataset.id)).values()) expect(users.length).toBeLessThanOrEqual(2);
    for (const who of callers) await nextFrames(who, dataset.id, 10);

    const leases = await liveLeases(dataset.id);
    expect(leases.size).toBe(frames.length);
    for (const users of leases.values()) expect(new Set(users).size).toBe(2);
  });

  it("returns the caller's own leases first on a reload instead of burning new frames", async () => {
    const { dataset, callers } = await seedLabelling(api, { frames: 8, roles: ["LABELER"] });
    const who = caller(callers, 0);

    const first = await nextFrames(who, dataset.id, 3);
    const reload = await nextFrames(who, dataset.id, 3);
    const more = await nextFrames(who, dataset.id, 5);

    expect(reload.map((task) => task.frame.id)).toEqual(first.map((task) => task.frame.id));
    expect(reload.map((task) => task.leaseExpiresAt)).toEqual(first.map((task) => task.leaseExpiresAt));
    expect(more.slice(0, 3).map((task) => task.frame.id)).toEqual(first.map((task) => task.frame.id));
    expect(new Set(more.map((task) => task.frame.id)).size).toBe(5);
    expect(await api.db.frameLease.count({ where: { userId: who.user.id } })).toBe(5);
  });

  it("skips frames the caller labelled and frames that are no longer open", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap: 2, frames: 3, roles: ["LABELER", "LABELER"] });
    const [a, b] = [caller(callers, 0), caller(callers, 1)];
    const [f0, f1, f2] = frames.map((frame) => frame.id);
    if (!f0 || !f1 || !f2) throw new Error("no frames");
    await submit(a, dataset.id, [{ frameId: f0, label: "FACE" }]);
    await submit(a, dataset.id, [{ frameId: f1, label: "UNSURE" }]);
    await submit(b, dataset.id, [{ frameId: f1, label: "FACE" }]); // → REVIEW

    expect((await nextFrames(a, dataset.id)).map((task) => task.frame.id)).toEqual([f2]);
    expect(new Set((await nextFrames(b, dataset.id)).map((task) => task.frame.id))).toEqual(new Set([f0, f2]));
  });

  it("hands out a frame whose lease expired, but not while the overlap is filled", async () => {
    const { dataset, frames, callers } = await seedLabelling(shortLeases, { overlap: 1, frames: 1, roles: ["LABELER", "LABELER", "LABELER"] });
    const [a, b, c] = [caller(callers, 0), caller(callers, 1), caller(callers, 2)];
    const frameId = frames[0]?.id;

    expect((await nextFrames(a, dataset.id)).map((task) => task.frame.id)).toEqual([frameId]);
    expect(await nextFrames(b, dataset.id)).toEqual([]);
    await sleep(1500);
    // a's lease expired: the frame has room again and goes to b.
    expect((await nextFrames(b, dataset.id)).map((task) => task.frame.id)).toEqual([frameId]);
    // b labels it; after b's lease would have expired too, nobody gets it: labels fill the overlap.
    expect((await submit(b, dataset.id, [{ frameId: frameId ?? "", label: "FACE" }])).accepted).toHaveLength(1);
    await sleep(1500);
    expect(await nextFrames(a, dataset.id)).toEqual([]);
    expect(await nextFrames(c, dataset.id)).toEqual([]);
  });

  it("accepts a decision on an expired lease while there is room, and refuses it once someone else holds the frame", async () => {
    const { dataset, frames, callers } = await seedLabelling(shortLeases, { overlap: 1, frames: 2, roles: ["LABELER", "LABELER"] });
    const [a, b] = [caller(callers, 0), caller(callers, 1)];
    const [f0, f1] = frames.map((frame) => frame.id);
    if (!f0 || !f1) throw new Error("no frames");

    await nextFrames(a, dataset.id, 2);
    await sleep(1500);
    await nextFrames(b, dataset.id, 1); // b now holds one of them (live), the other stays free
    const held = (await api.db.frameLease.findFirstOrThrow({ where: { userId: b.user.id } })).frameId;
    const free = held === f0 ? f1 : f0;

    const result = await submit(a, dataset.id, [
      { frameId: free, label: "FACE" },
      { frameId: held, label: "FACE" },
    ]);
    expect(result.accepted.map((annotation) => annotation.frameId)).toEqual([free]);
    expect(result.rejected).toEqual([{ frameId: held, code: "NO_CAPACITY", message: expect.stringMatching(/enough people/i) }]);
  });

  it("leases whole scenes in grid mode", async () => {
    const { dataset, title, callers } = await seedLabelling(api, { frames: 0, roles: ["LABELER", "LABELER"] });
    const [a, b] = [caller(callers, 0), caller(callers, 1)];
    const scenes = [await api.db.scene.create({ data: { datasetId: dataset.id } }), await api.db.scene.create({ data: { datasetId: dataset.id } })];
    const rows = [];
    for (const [s, scene] of scenes.entries()) {
      for (let i = 0; i < 4; i++) {
        rows.push(
          await api.db.frame.create({
            data: {
              datasetId: dataset.id,
              titleId: title.id,
              sceneId: scene.id,
              timestampMs: i * 1000,
              sourceName: `s${s}-${i}.jpg`,
              storageKey: `test/${randomUUID()}.jpg`,
              sha256: randomUUID().replace(/-/g, "").padEnd(64, "0"),
              width: 64,
              height: 36,
              // The scene's last frame comes first in the queue; its mates follow it in time order.
              queueRank: s + (3 - i) / 10,
            },
          }),
        );
      }
    }

    const grid = await nextFrames(a, dataset.id, 4, true);
    expect(grid.map((task) => task.frame.sceneId)).toEqual(Array(4).fill(scenes[0]?.id));
    expect(grid.map((task) => task.frame.id)).toEqual(rows.slice(0, 4).map((row) => row.id));

    const single = await nextFrames(b, dataset.id, 2, false);
    expect(single.map((task) => task.frame.id)).toEqual([rows[7]?.id, rows[6]?.id]);
  });

  it("refuses VIEWERs, hides other datasets, and checks count", async () => {
    const { dataset, callers } = await seedLabelling(api, { frames: 2, roles: ["VIEWER", "LABELER"] });
    const outsider = await signedIn(api, { role: "LABELER" });

    expectError(await caller(callers, 0).graphql(NEXT_FRAMES, { datasetId: dataset.id }), "FORBIDDEN");
    const hidden = await outsider.graphql(NEXT_FRAMES, { datasetId: dataset.id });
    const missing = await outsider.graphql(NEXT_FRAMES, { datasetId: randomUUID() });
    expectError(hidden, "NOT_FOUND");
    expect(hidden.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    expectError(await caller(callers, 1).graphql(NEXT_FRAMES, { datasetId: dataset.id, count: 0 }), "BAD_USER_INPUT");
    expectError(await caller(callers, 1).graphql(NEXT_FRAMES, { datasetId: dataset.id, count: 101 }), "BAD_USER_INPUT");
    expect(await api.db.frameLease.count({ where: { frame: { datasetId: dataset.id } } })).toBe(0);
    // An admin labels any dataset without being a member.
    const admin = await signedIn(api, { role: "ADMIN" });
    expect(expectData(await admin.graphql<{ nextFrames: unknown[] }>(NEXT_FRAMES, { datasetId: dataset.id })).nextFrames).toHaveLength(2);
  });
});
