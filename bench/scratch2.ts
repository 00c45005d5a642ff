import { PerformanceObserver } from "node:perf_hooks";
import { sampleVideo, resolveFfmpeg } from "@kao/media";
let gcMs = 0, gcN = 0, major = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) { gcMs += e.duration; gcN++; if ((e as any).detail?.kind === 4 || (e as any).kind === 4) major++; } }).observe({ entryTypes: ["gc"] });
const ffmpeg = resolveFfmpeg().ffmpeg;
for (let r = 0; r < 3; r++) {
  gcMs = 0; gcN = 0; major = 0;
  const c = process.cpuUsage();
  let n = 0;
  for await (const s of sampleVideo({ path: "/tmp/kb/v60.mp4", ffmpeg, fps: 1, width: 1280, height: 720 })) n++;
  await new Promise((r) => setTimeout(r, 100));
  const cu = process.cpuUsage(c);
  console.log(n, "node cpu ms/frame", ((cu.user + cu.system) / 1e3 / n).toFixed(2), "gc", gcN, "major", major, "ms", gcMs.toFixed(0));
}
