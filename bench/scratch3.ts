import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createPrismaClient } from "@kao/db";
import { resolveFfmpeg } from "@kao/media";
import { createLocalStorage } from "@kao/storage";
import { startTestDatabase } from "../test/support/database.ts";
import { stageVideoImport } from "./kao-import.ts";
import { measure } from "./measure.ts";
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
const session = new Session(); session.connect();
await session.post("Profiler.enable");
function threads() {
  const m = new Map<string, number>();
  for (const t of readdirSync("/proc/self/task")) {
    try {
      const s = readFileSync(`/proc/self/task/${t}/stat`, "utf8");
      const name = Number(t) === process.pid ? "MAIN" : s.slice(s.indexOf("(") + 1, s.lastIndexOf(")")).replace(/\d+$/, "#");
      const f = s.slice(s.lastIndexOf(")") + 2).split(" ").map(Number);
      m.set(name, (m.get(name) ?? 0) + f[11]! + f[12]!);
    } catch {}
  }
  return m;
}
const tools = resolveFfmpeg();
const temp = await mkdtemp(path.join(tmpdir(), "kao-exp-"));
const database = await startTestDatabase();
const db = createPrismaClient({ connectionString: database.connectionString, max: 5 });
const storage = createLocalStorage({ root: path.join(temp, "files") });
try {
  const warm = await stageVideoImport({ db, storage, video: "/tmp/kb/v6.mp4", sampleFps: 1 });
  await warm.run(tools);
  for (let i = 0; i < 2; i++) {
    const before = threads();
    const staged = await stageVideoImport({ db, storage, video: "/tmp/kb/v60.mp4", sampleFps: 1 });
    if (i === 1) await session.post("Profiler.start");
    const m = await measure(() => staged.run(tools));
    if (i === 1) { const { profile } = await session.post("Profiler.stop"); writeFileSync("/tmp/kb/prof/import.cpuprofile", JSON.stringify(profile)); }
    const after = threads();
    console.log(`wall ${m.seconds.toFixed(2)} node ${m.cpu!.node.toFixed(2)} ffmpeg ${m.cpu!.tools.toFixed(2)} pg ${m.cpu!.other.toFixed(2)}`);
    console.log([...after].map(([k, v]) => `${k}: ${((v - (before.get(k) ?? 0)) / 100).toFixed(2)}`).filter((x) => !x.endsWith(" 0.00")).join(", "));
  }
} finally { await db.$disconnect(); await database.stop(); await rm(temp, { recursive: true, force: true }); }
