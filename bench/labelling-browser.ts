// The in-browser labelling latency benchmark (one of the scripts `npm run bench` runs; alone:
// `BENCH_ONLY=labelling-browser npm run bench`). The aim (issue 4): after F or N, the next frame is
// on screen within one animation frame (16.7 ms), because the page prefetched and decoded it.
//
// Starts an embedded Postgres, the real API, the built web app (apps/web/server.mjs) and Chromium at
// 1280×800; seeds a dataset of 1280×720 JPEG frames and a labeller; signs in and opens the
// single-frame labelling page. Node presses F / N at a practised labeller's pace; the page itself
// times each press to the moment the next frame's picture is painted (labelling-browser-probe.ts).
// References, measured in the same run: one animation-frame round; on the same page, a bare <img>
// of a picture never loaded (what the page would cost without prefetch), of one prefetched the
// page's way, and of one painted before; and the same keys on a bare page that only swaps
// prefetched pictures (labelling-browser-floor.ts): what any page costs here. Afterwards it counts
// the labeller's annotations in the database: the decisions were real.
//
// Environment: BENCH_BROWSER_DECISIONS (default 200) measured decisions, after BENCH_BROWSER_WARMUP
// (10) not counted; BENCH_BROWSER_FRAMES (300) frames in the dataset; BENCH_BROWSER_FLOOR_DECISIONS
// (60) on the bare page; BENCH_LABEL_PACE_MS ("300-600": a pause drawn from that range, or one
// number) between presses; CHROMIUM_PATH; DATABASE_URL to use a Postgres server, not an embedded one.
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../test/e2e/support/browser.ts";
import { startWebServer, type WebServer } from "../test/e2e/support/web-server.ts";
import { startTestDatabase, type TestDatabase } from "../test/support/database.ts";
import { animationFrameRounds, paintReferences, pressKeys, readRecords, signIn, waitForShown } from "./labelling-browser-drive.ts";
import { floorPageHtml } from "./labelling-browser-floor.ts";
import { LABEL_IMAGE, PROBE_SCRIPT } from "./labelling-browser-probe.ts";
import { reportLabellingLatency } from "./labelling-browser-report.ts";
import { checkWebBuild, seedBrowserWorld, startBenchApi, type BenchApi } from "./labelling-browser-world.ts";
import { cleanUpOnce } from "./measure.ts";

const whole = (name: string, fallback: number, min: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${process.env[name]}`);
  return value;
};
function paceRange(): { low: number; high: number } {
  const text = process.env["BENCH_LABEL_PACE_MS"] ?? "300-600";
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  const low = Number(match?.[1]);
  const high = Number(match?.[2] ?? match?.[1]);
  if (!match || low > high) throw new Error(`BENCH_LABEL_PACE_MS must be milliseconds ("450") or a range ("300-600"), got "${text}"`);
  return { low, high };
}
const decisions = whole("BENCH_BROWSER_DECISIONS", 200, 10);
const warmUp = whole("BENCH_BROWSER_WARMUP", 10, 0);
const frameCount = whole("BENCH_BROWSER_FRAMES", 300, 50);
const floorDecisions = whole("BENCH_BROWSER_FLOOR_DECISIONS", 60, 10);
const floorWarmUp = 5;
const pace = paceRange();
const referenceCount = 30;
// The page leases 20 frames at a time and refills below 8: keep a margin so the queue never runs dry.
if (decisions + warmUp > frameCount - 30) throw new Error(`BENCH_BROWSER_FRAMES (${frameCount}) must exceed warm-up + decisions (${warmUp + decisions}) by 30`);

const SESSION_SECRET = "bench-session-secret-0123456789abcdef0123456789";
const VIEWPORT = { width: 1280, height: 800 };
const say = (line: string) => console.log(line);
const displayUrl = (frameId: string) => `/frames/${frameId}/display`;

const temp = await mkdtemp(path.join(tmpdir(), "kao-bench-browser-"));
let database: TestDatabase | null = null;
let api: BenchApi | null = null;
let web: WebServer | null = null;
let browser: Browser | null = null;
const cleanUp = cleanUpOnce(async () => {
  await browser?.close().catch((error: unknown) => console.error(`could not close Chromium: ${String(error)}`));
  await web?.stop().catch((error: unknown) => console.error(`could not stop the web app: ${String(error)}`));
  await api?.close().catch((error: unknown) => console.error(`could not stop the API: ${String(error)}`));
  await database?.stop().catch((error: unknown) => console.error(`could not stop Postgres: ${String(error)}`));
  await rm(temp, { recursive: true, force: true });
});

try {
  say(`kao in-browser labelling benchmark: ${warmUp} + ${decisions} decisions on ${frameCount} frames of 1280×720, a key every ${pace.low}–${pace.high} ms`);
  say(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  const stale = checkWebBuild();
  if (stale) say(stale);
  database = await startTestDatabase();
  api = await startBenchApi({ connectionString: database.connectionString, storageRoot: path.join(temp, "files"), sessionSecret: SESSION_SECRET });
  // Started side by side (making the pictures is the slow part); whatever started is stopped by
  // cleanUp even when another start failed.
  const floorFrames = floorWarmUp + floorDecisions + 1;
  const [seeded, started, launched] = await Promise.allSettled([
    seedBrowserWorld(api, {
      frames: frameCount,
      referenceFrames: 2 * referenceCount + floorFrames,
      onProgress: (done, total) => {
        if (done % 100 === 0 || done === total) say(`  ${done} of ${total} pictures seeded`);
      },
    }),
    startWebServer({ apiOrigin: api.origin, secret: SESSION_SECRET }),
    launchChromium(),
  ]);
  if (started.status === "fulfilled") web = started.value;
  if (launched.status === "fulfilled") browser = launched.value;
  for (const result of [seeded, started, launched]) if (result.status === "rejected") throw result.reason;
  if (seeded.status !== "fulfilled" || !web || !browser) throw new Error("unreachable: every start succeeded");
  const world = seeded.value;
  say(`API ${api.origin}, web ${web.url}, Chromium ${browser.version()}`);

  const context = await browser.newContext({ baseURL: web.url, viewport: VIEWPORT });
  context.setDefaultTimeout(20_000);
  await context.addInitScript({ content: PROBE_SCRIPT });
  const page = await context.newPage();
  await signIn(page, world.labeller);
  await page.goto(`/datasets/${world.datasetId}/label`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.locator(`${LABEL_IMAGE}[data-painted="true"]`).waitFor();
  await waitForShown(page, 1);
  const stage = await page.getByTestId("frame-stage").boundingBox();
  if (!stage) throw new Error("the labelling page shows no frame stage");

  const rafBefore = await animationFrameRounds(page, 120);
  say(`labelling: ${warmUp} warm-up + ${decisions} decisions…`);
  const late = await pressKeys(page, { count: warmUp + decisions, pace });
  await page.getByTestId("outbox-saved").waitFor({ timeout: 30_000 });
  const rafAfter = await animationFrameRounds(page, 120);
  const records = await readRecords(page);

  say(`references: ${referenceCount} pictures never loaded, the same again, ${referenceCount} others prefetched; then ${floorWarmUp} + ${floorDecisions} keys on a bare page…`);
  const ids = world.referenceFrameIds;
  const painted = await paintReferences(page, { cold: ids.slice(0, referenceCount).map(displayUrl), prefetch: ids.slice(referenceCount, 2 * referenceCount).map(displayUrl), pauseMs: pace.low });
  // The bare page lives on the web app's origin (so the session cookie goes with its pictures) at a
  // path the app does not have, answered by Playwright.
  const floorUrl = `${web.url}/__bench/bare-labelling-page`;
  const floorHtml = floorPageHtml({ urls: ids.slice(2 * referenceCount).map(displayUrl), box: { left: stage.x, top: stage.y, width: stage.width, height: stage.height } });
  await page.route(floorUrl, (route) => route.fulfill({ status: 200, contentType: "text/html", body: floorHtml }));
  await page.goto(floorUrl, { waitUntil: "load" }).catch((error: unknown) => {
    throw new Error(`the bare page did not load: ${String(error)}`);
  });
  await waitForShown(page, 1);
  await pressKeys(page, { count: floorWarmUp + floorDecisions, pace });
  const floor = await readRecords(page);

  const accepted = await api.db.annotation.count({ where: { userId: world.labeller.id, frame: { datasetId: world.datasetId } } });
  reportLabellingLatency({ records, warmUp, late, floor, floorWarmUp, references: { rafBefore, rafAfter, ...painted }, say });
  const pressed = records.presses.length;
  const shown = records.frames.filter((frame) => frame.keyAt !== null).length;
  say(`decisions: ${pressed} keys pressed, ${shown} frames followed a key, ${accepted} annotations by the labeller in the database`);
  if (accepted !== pressed || shown !== pressed) {
    say("✗ every key press should have made exactly one decision and shown one new frame");
    process.exitCode = 1;
  } else {
    say("✓ every key press was one decision the API stored");
  }
} finally {
  await cleanUp();
}
