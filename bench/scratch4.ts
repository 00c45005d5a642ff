import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import { createPrismaClient } from "@kao/db";
import { resolveFfmpeg } from "@kao/media";
import { createLocalStorage } from "@kao/storage";
import { startTestDatabase } from "../test/support/database.ts";
import { stageVideoImport, verifyImport } from "./kao-import.ts";
import { measure } from "./measure.ts";
let gcMs = 0, gcN = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) { gcMs += e.duration; gcN++; } }).observe({ entryTypes: ["gc"] });
const tools = resolveFfmpeg();
const temp = await mkdtemp(path.join(tmpdir(), "kao-exp-"));
const database = await startTestDatabase();
const db = createPrismaClient({ connectionString: database.connectionString, max: 5 });
const storage = createLocalStorage({ root: path.join(temp, "files") });
try {
  const warm = await stageVideoImport({ db, storage, video: "/tmp/kb/v6.mp4", sampleFps: 1 });
  await warm.run(tools);
  for (const ring of (process.env["RINGS"] ?? ",1,,1,,1").split(",")) {
    process.env["KAO_RING"] = ring;
    const staged = await stageVideoImport({ db, storage, video: "/tmp/kb/v60.mp4", sampleFps: 1 });
    gcMs = 0; gcN = 0;
    const m = await measure(() => staged.run(tools));
    const v = await verifyImport({ db, storage, datasetId: staged.datasetId, jobId: staged.jobId, expectedFrames: 60 });
    console.log(`ring=${ring || 0} wall ${m.seconds.toFixed(2)} node ${m.cpu!.node.toFixed(2)} ffmpeg ${m.cpu!.tools.toFixed(2)} gc ${gcN} ${gcMs.toFixed(0)} ms ${v.problems.join(";")}`);
  }
} finally { await db.$disconnect(); await database.stop(); await rm(temp, { recursive: true, force: true }); }
