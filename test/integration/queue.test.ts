import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUES, connectQueue } from "@kao/queue";
import { createFreshDatabase, type FreshDatabase } from "./support/fresh-database.ts";

let database: FreshDatabase;
beforeAll(async () => {
  database = await createFreshDatabase("kao_queue");
});
afterAll(() => database.drop());

describe("queue", () => {
  it("lets the API and several workers connect at once to a fresh database (npm start does)", async () => {
    const queues = await Promise.all(
      Array.from({ length: 4 }, (_, i) => connectQueue({ connectionString: database.connectionString, applicationName: `kao-test-${i}` })),
    );
    try {
      const names = (await queues[0]?.boss.getQueues())?.map((queue) => queue.name);
      expect(names).toEqual(expect.arrayContaining([QUEUES.import, QUEUES.maintenance]));
      const id = await queues[1]?.send(QUEUES.import, { jobId: "00000000-0000-0000-0000-000000000000" });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await Promise.all(queues.map((queue) => queue.stop(false)));
    }
  });
});
