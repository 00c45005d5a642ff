import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createPrismaClient } from "@kao/db";
import { resolveFfmpeg } from "@kao/media";
import { createLocalStorage } from "@kao/storage";
import { startTestDatabase } from "../test/support/database.ts";
import { stageVideoImport, verifyImport } from "./kao-import.ts";
import { measure, runTool } from "./measure.ts";
const tools = resolveFfmpeg();
const video = process.env["VIDEO"] ?? "/tmp/kb/v60.mp4";
const frames = Number(process.env["FRAMES"] ?? 60);
const configs = (process.env["CONFIGS"] ?? "1/1,2/2,3/2").split(",");
const temp = await mkdtemp(path.join(tmpdir(), "kao-exp-"));
const database = await startTestDatabase();
const db = createPrismaClient({ connectionString: database.connectionString, max: 5 });
const storage = createLocalStorage({ root: path.join(temp, "files") });
const results = new Map<string, string[]>();
try {
  for (let round = 0; round < Number(process.env["ROUNDS"] ?? 3); round++) {
    const ref = await measure(() => runTool(tools.ffmpeg, ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", video, "-vf", "fps=1", "-f", "null", "-"]));
    (results.get("ref") ?? results.set("ref", []).get("ref")!).push(`${ref.seconds.toFixed(2)}s/${ref.cpuSeconds!.toFixed(1)}c`);
    for (const config of configs) {
      const [na, ra] = config.split("/");
      process.env["KAO_NA"] = na; process.env["KAO_RA"] = ra;
      const staged = await stageVideoImport({ db, storage, video, sampleFps: 1 });
      const m = await measure(() => staged.run(tools));
      const v = await verifyImport({ db, storage, datasetId: staged.datasetId, jobId: staged.jobId, expectedFrames: frames });
      if (v.problems.length) throw new Error(v.problems.join("; "));
      (results.get(config) ?? results.set(config, []).get(config)!).push(`${m.seconds.toFixed(2)}s/${m.cpuSeconds!.toFixed(1)}c (${(m.seconds / ref.seconds).toFixed(2)}x)`);
    }
  }
} finally { await db.$disconnect(); await database.stop(); await rm(temp, { recursive: true, force: true }); }
for (const [k, v] of results) console.log(k.padEnd(6), v.join("  "));
for (const [k, v] of results) console.log(k.padEnd(6), "min", Math.min(...v.map((x) => Number(x.split("s/")[0]))).toFixed(2), "s");
