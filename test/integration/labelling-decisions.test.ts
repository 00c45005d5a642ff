import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn } from "./support/graphql.ts";
import { SUBMIT, caller, countsByFrame, nextFrames, readFrame, seedLabelling, submit, type Label } from "./support/labelling.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const UNDO = `mutation($frameId: ID!) { undoLabel(frameId: $frameId) { frame { id labelStatus labelCount myAnnotation { label } consensus { label } } } }`;

describe("submitLabels", () => {
  it("records a leased decision once: a double submit creates one annotation and one revision, and releases the lease", async () => {
    const { dataset, callers } = await seedLabelling(api, { frames: 1, roles: ["LABELER"] });
    const who = caller(callers, 0);
    const [task] = await nextFrames(who, dataset.id, 1);
    const frameId = task?.frame.id ?? "";
    const decision = { frameId, label: "FACE" as const, rules: ["Profile"], durationMs: 1234 };

    const first = await submit(who, dataset.id, [decision]);
    const again = await submit(who, dataset.id, [decision]);

    expect(first.rejected).toEqual([]);
    expect(first.accepted).toEqual([{ id: expect.any(String), frameId, label: "FACE", rules: ["Profile"], durationMs: 1234, user: { id: who.user.id } }]);
    expect(again).toEqual(first);
    expect(await api.db.annotation.count({ where: { frameId } })).toBe(1);
    expect(await api.db.annotationRevision.count({ where: { frameId } })).toBe(1);
    expect(await api.db.frameLease.count({ where: { frameId } })).toBe(0);
    expect(await readFrame(who, frameId)).toMatchObject({ labelStatus: "DONE", labelCount: 1, myAnnotation: { label: "FACE" }, consensus: { label: "FACE", method: "UNANIMOUS" } });
  });

  it("changes the caller's own label, keeping the history", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { frames: 1, roles: ["LABELER"] });
    const who = caller(callers, 0);
    const frameId = frames[0]?.id ?? "";

    await submit(who, dataset.id, [{ frameId, label: "FACE" }]);
    const changed = await submit(who, dataset.id, [{ frameId, label: "NO_FACE" }]);

    expect(changed.accepted.map((annotation) => annotation.label)).toEqual(["NO_FACE"]);
    expect(await api.db.annotation.count({ where: { frameId } })).toBe(1);
    expect((await api.db.annotationRevision.findMany({ where: { frameId }, orderBy: { createdAt: "asc" } })).map((revision) => revision.label)).toEqual(["FACE", "NO_FACE"]);
    expect((await readFrame(who, frameId)).consensus).toMatchObject({ label: "NO_FACE", method: "UNANIMOUS" });
  });

  it("answers each decision on its own: NOT_FOUND for other datasets and unknown ids, INVALID for bad ids and unknown rules", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { frames: 2, roles: ["LABELER"] });
    const other = await seedLabelling(api, { frames: 1, roles: ["LABELER"] });
    const who = caller(callers, 0);
    // Also a member of the other dataset: its frames are still not this dataset's.
    await api.db.datasetMember.create({ data: { datasetId: other.dataset.id, userId: who.user.id } });
    const [f0, f1] = frames.map((frame) => frame.id);
    const foreign = other.frames[0]?.id ?? "";
    const unknown = randomUUID();

    const result = await submit(who, dataset.id, [
      { frameId: foreign, label: "FACE" },
      { frameId: f0 ?? "", label: "FACE", rules: ["Profile", "Not a rule"] },
      { frameId: unknown, label: "FACE" },
      { frameId: "not-an-id", label: "FACE" },
      { frameId: f1 ?? "", label: "NO_FACE", rules: ["Half or more of a face"] },
      { frameId: f1 ?? "", label: "FACE" },
    ]);

    expect(result.accepted.map((annotation) => [annotation.frameId, annotation.label, annotation.rules])).toEqual([[f1, "NO_FACE", ["Half or more of a face"]]]);
    expect(result.rejected.map((rejection) => [rejection.frameId, rejection.code])).toEqual([
      [foreign, "NOT_FOUND"],
      [f0, "INVALID"],
      [unknown, "NOT_FOUND"],
      ["not-an-id", "INVALID"],
      [f1, "INVALID"],
    ]);
    expect(result.rejected[1]?.message).toContain("Not a rule");
    expect(await api.db.annotation.count({ where: { frame: { datasetId: other.dataset.id } } })).toBe(0);
    expect(await api.db.annotation.count({ where: { frameId: f0 } })).toBe(0);
  });

  it("accepts a frame that is not leased while it has room, and refuses one whose overlap is filled", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { frames: 2, roles: ["LABELER", "LABELER", "LABELER"] });
    const [a, b, c] = [caller(callers, 0), caller(callers, 1), caller(callers, 2)];
    const [f0, f1] = frames.map((frame) => frame.id ?? "");
    if (!f0 || !f1) throw new Error("no frames");

    expect((await submit(a, dataset.id, [{ frameId: f0, label: "FACE" }])).accepted).toHaveLength(1);
    const labelled = await submit(b, dataset.id, [{ frameId: f0, label: "FACE" }]);
    expect(labelled.rejected).toEqual([{ frameId: f0, code: "NO_CAPACITY", message: expect.any(String) }]);

    const [held] = await nextFrames(c, dataset.id, 1);
    expect(held?.frame.id).toBe(f1);
    expect((await submit(b, dataset.id, [{ frameId: f1, label: "FACE" }])).rejected.map((rejection) => rejection.code)).toEqual(["NO_CAPACITY"]);
    expect((await submit(c, dataset.id, [{ frameId: f1, label: "NO_FACE" }])).accepted).toHaveLength(1);
    expect((await countsByFrame(api, dataset.id)).map((frame) => frame.annotations)).toEqual([1, 1]);
  });

  it("rejects unknown label values in GraphQL validation, before anything runs", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { frames: 1, roles: ["LABELER"] });
    const response = await caller(callers, 0).graphql(SUBMIT, { datasetId: dataset.id, decisions: [{ frameId: frames[0]?.id, label: "MAYBE" }] });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/Label/);
    const inline = await caller(callers, 0).graphql(`mutation { submitLabels(datasetId: "${dataset.id}", decisions: [{ frameId: "${frames[0]?.id}", label: MAYBE }]) { accepted { id } } }`);
    expect(inline.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await api.db.annotation.count({ where: { frame: { datasetId: dataset.id } } })).toBe(0);
  });

  it("clamps durations to 0…10 minutes and limits a request to 1…200 decisions", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap: 1, frames: 2, roles: ["LABELER"] });
    const who = caller(callers, 0);
    const result = await submit(who, dataset.id, [
      { frameId: frames[0]?.id ?? "", label: "FACE", durationMs: -5 },
      { frameId: frames[1]?.id ?? "", label: "FACE", durationMs: 3_600_000 },
    ]);
    expect(result.accepted.map((annotation) => annotation.durationMs)).toEqual([0, 600_000]);

    expectError(await who.graphql(SUBMIT, { datasetId: dataset.id, decisions: [] }), "BAD_USER_INPUT");
    const many = Array.from({ length: 201 }, () => ({ frameId: randomUUID(), label: "FACE" }));
    expectError(await who.graphql(SUBMIT, { datasetId: dataset.id, decisions: many }), "BAD_USER_INPUT");
  });

  it("refuses VIEWERs and non-members", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { frames: 1, roles: ["VIEWER"] });
    const outsider = await signedIn(api, { role: "LABELER" });
    const decisions = [{ frameId: frames[0]?.id, label: "FACE" }];

    expectError(await caller(callers, 0).graphql(SUBMIT, { datasetId: dataset.id, decisions }), "FORBIDDEN");
    expectError(await outsider.graphql(SUBMIT, { datasetId: dataset.id, decisions }), "NOT_FOUND");
    expectError(await caller(callers, 0).graphql(UNDO, { frameId: frames[0]?.id }), "FORBIDDEN");
    expect(await api.db.annotation.count({ where: { frame: { datasetId: dataset.id } } })).toBe(0);
  });
});

describe("consensus", () => {
  async function labelOneFrame(overlap: number, labels: Label[]) {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap, frames: 1, roles: labels.map(() => "LABELER" as const) });
    const frameId = frames[0]?.id ?? "";
    for (const [i, label] of labels.entries()) expect((await submit(caller(callers, i), dataset.id, [{ frameId, label }])).accepted).toHaveLength(1);
    return readFrame(caller(callers, 0), frameId);
  }

  it("stays OPEN until overlap people labelled", async () => {
    expect(await labelOneFrame(3, ["FACE", "FACE"])).toMatchObject({ labelStatus: "OPEN", labelCount: 2, consensus: null });
  });
  it("is DONE and UNANIMOUS when everyone agrees", async () => {
    expect(await labelOneFrame(2, ["NO_FACE", "NO_FACE"])).toMatchObject({ labelStatus: "DONE", labelCount: 2, consensus: { label: "NO_FACE", method: "UNANIMOUS" } });
  });
  it("is DONE by MAJORITY with overlap 3 and two of three agreeing", async () => {
    expect(await labelOneFrame(3, ["FACE", "NO_FACE", "FACE"])).toMatchObject({ labelStatus: "DONE", consensus: { label: "FACE", method: "MAJORITY" } });
  });
  it("goes to REVIEW on a tie", async () => {
    expect(await labelOneFrame(2, ["FACE", "NO_FACE"])).toMatchObject({ labelStatus: "REVIEW", consensus: null });
  });
  it("goes to REVIEW when anyone is UNSURE, even if the rest agree", async () => {
    expect(await labelOneFrame(3, ["FACE", "UNSURE", "FACE"])).toMatchObject({ labelStatus: "REVIEW", consensus: null });
    expect(await labelOneFrame(1, ["UNSURE"])).toMatchObject({ labelStatus: "REVIEW", consensus: null });
  });

  it("closes a frame in review to further labels", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap: 2, frames: 1, roles: ["LABELER", "LABELER"] });
    const frameId = frames[0]?.id ?? "";
    await submit(caller(callers, 0), dataset.id, [{ frameId, label: "FACE" }]);
    await submit(caller(callers, 1), dataset.id, [{ frameId, label: "NO_FACE" }]);
    const changed = await submit(caller(callers, 1), dataset.id, [{ frameId, label: "FACE" }]);
    expect(changed.rejected.map((rejection) => rejection.code)).toEqual(["CLOSED"]);
  });
});

describe("undoLabel", () => {
  it("takes the label back, reopens the frame without its consensus, and leases it back to the caller", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap: 1, frames: 1, roles: ["LABELER", "LABELER"] });
    const [a, b] = [caller(callers, 0), caller(callers, 1)];
    const frameId = frames[0]?.id ?? "";
    await submit(a, dataset.id, [{ frameId, label: "UNSURE" }]);
    expect((await readFrame(a, frameId)).labelStatus).toBe("REVIEW");

    const undone = expectData(await a.graphql<{ undoLabel: { frame: unknown } }>(UNDO, { frameId })).undoLabel.frame;

    expect(undone).toEqual({ id: frameId, labelStatus: "OPEN", labelCount: 0, myAnnotation: null, consensus: null });
    expect(await api.db.annotation.count({ where: { frameId } })).toBe(0);
    expect((await api.db.annotationRevision.findMany({ where: { frameId }, orderBy: { createdAt: "asc" } })).map((revision) => revision.label)).toEqual(["UNSURE", null]);
    // Leased back: b cannot have it, a finds it first in the queue and can label it again.
    expect(await nextFrames(b, dataset.id)).toEqual([]);
    expect((await nextFrames(a, dataset.id)).map((task) => task.frame.id)).toEqual([frameId]);
    expect((await submit(a, dataset.id, [{ frameId, label: "FACE" }])).accepted).toHaveLength(1);
    expect(await readFrame(a, frameId)).toMatchObject({ labelStatus: "DONE", consensus: { label: "FACE", method: "UNANIMOUS" } });
  });

  it("reopens a DONE frame with overlap 2 when one of its labels is undone", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap: 2, frames: 1, roles: ["LABELER", "LABELER"] });
    const frameId = frames[0]?.id ?? "";
    await submit(caller(callers, 0), dataset.id, [{ frameId, label: "FACE" }]);
    await submit(caller(callers, 1), dataset.id, [{ frameId, label: "FACE" }]);
    expect(await api.db.consensus.count({ where: { frameId } })).toBe(1);

    expectData(await caller(callers, 1).graphql(UNDO, { frameId }));

    expect(await api.db.frame.findUniqueOrThrow({ where: { id: frameId } })).toMatchObject({ labelStatus: "OPEN", labelCount: 1 });
    expect(await api.db.consensus.count({ where: { frameId } })).toBe(0);
  });

  it("answers NOT_FOUND without a label to undo", async () => {
    const { frames, callers } = await seedLabelling(api, { frames: 1, roles: ["LABELER"] });
    expectError(await caller(callers, 0).graphql(UNDO, { frameId: frames[0]?.id }), "NOT_FOUND");
    expectError(await caller(callers, 0).graphql(UNDO, { frameId: randomUUID() }), "NOT_FOUND");
  });
});

describe("concurrent labelling", () => {
  it("ends with exactly `overlap` annotations per frame when 5 labellers submit 20 frames at once", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap: 2, frames: 20, roles: ["LABELER", "LABELER", "LABELER", "LABELER", "LABELER"] });
    const labels: Label[] = ["FACE", "NO_FACE"];

    // Nobody holds a lease: each decision is accepted only while the frame has room.
    const results = await Promise.all(
      callers.map((who, i) => submit(who, dataset.id, frames.map((frame, f) => ({ frameId: frame.id, label: labels[(i + f) % 2] ?? "FACE" })))),
    );

    const accepted = results.reduce((sum, result) => sum + result.accepted.length, 0);
    expect(accepted).toBe(40);
    // Late decisions find the frame full (NO_CAPACITY) or, after a tie, waiting for a reviewer (CLOSED).
    const codes = results.flatMap((result) => result.rejected.map((rejection) => rejection.code));
    expect(codes).toHaveLength(60);
    expect(codes.filter((code) => code !== "NO_CAPACITY" && code !== "CLOSED")).toEqual([]);
    for (const frame of await countsByFrame(api, dataset.id)) {
      expect(frame).toMatchObject({ annotations: 2, labelCount: 2 });
      expect(["DONE", "REVIEW"]).toContain(frame.labelStatus);
    }
    const done = await api.db.frame.count({ where: { datasetId: dataset.id, labelStatus: "DONE" } });
    expect(await api.db.consensus.count({ where: { frame: { datasetId: dataset.id } } })).toBe(done);
  });

  it("waits for a frame that a concurrent submit holds instead of answering that nothing is left", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap: 2, frames: 1, roles: ["LABELER", "LABELER"] });
    const frameId = frames[0]?.id ?? "";
    let asked: Promise<Awaited<ReturnType<typeof nextFrames>>> | undefined;
    // Another transaction holds the only open frame's row lock (as submitLabels does while it writes).
    await api.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Frame" WHERE id = ${frameId}::uuid FOR UPDATE`;
      asked = nextFrames(caller(callers, 1), dataset.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    expect((await asked)?.map((task) => task.frame.id)).toEqual([frameId]);
  });

  it("labels every frame exactly twice when 5 labellers loop nextFrames + submitLabels in parallel", async () => {
    const { dataset, frames, callers } = await seedLabelling(api, { overlap: 2, frames: 20, roles: ["LABELER", "LABELER", "LABELER", "LABELER", "LABELER"] });
    const rejected: string[] = [];

    await Promise.all(
      callers.map(async (who) => {
        for (let round = 0; round < 20; round++) {
          const tasks = await nextFrames(who, dataset.id, 3);
          if (tasks.length === 0) return;
          const result = await submit(who, dataset.id, tasks.map((task) => ({ frameId: task.frame.id, label: "FACE" as const })));
          rejected.push(...result.rejected.map((rejection) => rejection.code));
        }
      }),
    );

    expect(rejected).toEqual([]); // a lease is a promise of room
    const counts = await countsByFrame(api, dataset.id);
    expect(counts).toHaveLength(frames.length);
    for (const frame of counts) expect(frame).toMatchObject({ annotations: 2, labelCount: 2, labelStatus: "DONE" });
    expect(await api.db.frameLease.count({ where: { frame: { datasetId: dataset.id } } })).toBe(0);
  });
});
