import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset } from "@kao/db/seed";
import { startTestApi, type GraphQLResponse, type TestApi } from "../support/api.ts";
import { expectNoLeaks, signedIn, type Caller } from "./support/graphql.ts";

// Publishing is "one published run per dataset", guarded twice: publishRun serialises publishers of a
// dataset, and the partial unique index "TrainingRun_published_datasetId_key" refuses a second one.
// Concurrent publishes must end with exactly one published run and never a server error.
let api: TestApi;
let admin: Caller;

beforeAll(async () => {
  // No worker here: the prediction jobs publishing queues stay off the shared queue.
  api = await startTestApi({ enqueue: async () => {} });
  admin = await signedIn(api, { role: "ADMIN" });
});
afterAll(() => api?.close());

const PUBLISH = `mutation($runId: ID!) { publishRun(runId: $runId) {
  __typename ... on PublishRunSuccess { data { id published } } ... on Error { message } } }`;
type PublishResult = { publishRun: { __typename: string; data?: { id: string; published: boolean }; message?: string } };

/** A dataset with `count` runs that kept a model (what publishRun requires); nothing here runs them. */
async function seedRuns(count: number) {
  const dataset = await seedDataset(api.db, { members: [admin.user] });
  const backbone = await api.db.backbone.create({ data: { name: `race-${randomUUID()}`, modelPath: "none.onnx", sha256: "0".repeat(64), inputWidth: 16, inputHeight: 16, tapLayer: "t", dims: 2 } });
  const runs = [];
  for (let i = 0; i < count; i++) {
    runs.push(
      await api.db.trainingRun.create({
        data: { datasetId: dataset.id, backboneId: backbone.id, kernel: "LINEAR", status: "SUCCEEDED", params: { variant: "linear", C: 10 ** i }, model: Uint8Array.from([1, 2, 3]) },
      }),
    );
  }
  return { dataset, runs };
}

/** Every answer is a success or a typed conflict: no top-level error, so no 500. */
function outcomes(responses: GraphQLResponse<PublishResult>[]) {
  for (const response of responses) {
    expectNoLeaks(response);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(response.status).toBe(200);
  }
  return responses.map((response) => response.data?.publishRun);
}

describe("publishing runs of one dataset at the same time", () => {
  it("ends with exactly one published run when two admins publish different runs at once", async () => {
    const { dataset, runs } = await seedRuns(2);
    const results = outcomes(await Promise.all(runs.map((run) => admin.graphql<PublishResult>(PUBLISH, { runId: run.id }))));
    const succeeded = results.filter((result) => result?.__typename === "PublishRunSuccess");
    for (const result of results) {
      if (result?.__typename !== "PublishRunSuccess") expect(result).toMatchObject({ __typename: "ConflictError", message: expect.stringMatching(/published/) });
    }
    expect(succeeded.length).toBeGreaterThanOrEqual(1);

    const published = await api.db.trainingRun.findMany({ where: { datasetId: dataset.id, publishedAt: { not: null } }, select: { id: true } });
    expect(published).toHaveLength(1);
    expect(runs.map((run) => run.id)).toContain(published[0]?.id);
    // Each successful publish queued its prediction job; a refused one changed nothing.
    expect(await api.db.job.count({ where: { datasetId: dataset.id, kind: "PREDICT" } })).toBe(succeeded.length);
    expect(await api.db.auditLog.count({ where: { datasetId: dataset.id, action: "run.publish" } })).toBe(succeeded.length);
  });

  it("stays consistent under more publishers than the API's database pool has connections", async () => {
    const { dataset, runs } = await seedRuns(4);
    // Three rounds of every run published twice at once: 8 concurrent publishes against a pool of 5.
    for (let round = 0; round < 3; round++) {
      const results = outcomes(await Promise.all([...runs, ...runs].map((run) => admin.graphql<PublishResult>(PUBLISH, { runId: run.id }))));
      expect(results.some((result) => result?.__typename === "PublishRunSuccess")).toBe(true);
      expect(await api.db.trainingRun.count({ where: { datasetId: dataset.id, publishedAt: { not: null } } })).toBe(1);
    }
  });

  it("answers a ConflictError, not a server error, when a writer that skips the lock publishes at the same moment", async () => {
    const { dataset, runs } = await seedRuns(2);
    const [first, second] = runs;
    if (!first || !second) throw new Error("two runs were seeded");
    // A writer that publishes `first` without publishRun's lock and holds its transaction open.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let written = () => {};
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const writer = api.db.$transaction(
      async (tx) => {
        await tx.trainingRun.update({ where: { id: first.id }, data: { publishedAt: new Date() } });
        written();
        await held;
      },
      { timeout: 60_000 },
    );
    await wrote;
    const publishing = admin.graphql<PublishResult>(PUBLISH, { runId: second.id });
    // publishRun cannot see the uncommitted row, so it waits on the unique index entry until the writer commits.
    await waitUntil(async () => {
      const [row] = await api.db.$queryRaw<{ waiting: bigint }[]>`
        SELECT count(*) AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%TrainingRun%publishedAt%'`;
      return (row?.waiting ?? 0n) > 0n;
    });
    release();
    await writer;

    const [result] = outcomes([await publishing]);
    expect(result).toMatchObject({ __typename: "ConflictError", message: expect.stringMatching(/published at the same moment/) });
    const published = await api.db.trainingRun.findMany({ where: { datasetId: dataset.id, publishedAt: { not: null } }, select: { id: true } });
    expect(published).toEqual([{ id: first.id }]);
    expect(await api.db.job.count({ where: { datasetId: dataset.id, kind: "PREDICT" } })).toBe(0);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
