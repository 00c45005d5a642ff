import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "@kao/db";
import { seedDataset, seedFrame, seedTitle, seedUser } from "@kao/db/seed";
import { QUEUES, startWorker } from "@kao/worker";

let db: Db;
let worker: Awaited<ReturnType<typeof startWorker>>;

beforeAll(async () => {
  db = createPrismaClient({ connectionString: inject("databaseUrl"), max: 3 });
  worker = await startWorker({ db, connectionString: inject("databaseUrl"), poolSize: 2 });
});
afterAll(async () => {
  await worker.stop();
  await db.$disconnect();
});

async function waitForJob(id: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await worker.boss.getJobById<object>(QUEUES.maintenance, id);
    if (job && ["completed", "failed"].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`job ${id} did not finish`);
}

describe("worker", () => {
  it("runs queued maintenance jobs from Postgres: expired leases go, live ones stay", async () => {
    const labeller = await seedUser(db);
    const dataset = await seedDataset(db, { members: [labeller] });
    const title = await seedTitle(db, { datasetId: dataset.id });
    const [stale, live] = await Promise.all([seedFrame(db, { datasetId: dataset.id, titleId: title.id }), seedFrame(db, { datasetId: dataset.id, titleId: title.id })]);
    await db.frameLease.create({ data: { frameId: stale.id, userId: labeller.id, expiresAt: new Date(Date.now() - 60_000) } });
    await db.frameLease.create({ data: { frameId: live.id, userId: labeller.id, expiresAt: new Date(Date.now() + 600_000) } });

    const id = await worker.boss.send(QUEUES.maintenance, {});
    expect(id).toBeTruthy();
    const job = await waitForJob(id ?? "");
    expect(job.state).toBe("completed");

    const leases = await db.frameLease.findMany({ where: { userId: labeller.id } });
    expect(leases.map((lease) => lease.frameId)).toEqual([live.id]);
  });

  it("keeps the schedule in Postgres so it survives restarts", async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules.map((s) => s.name)).toContain(QUEUES.maintenance);
  });
});
