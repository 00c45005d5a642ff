// The in-browser labelling latency benchmark (one of the scripts `npm run bench` runs; alone:
// `BENCH_ONLY=labelling-browser npm run bench`). The aim (issue 4): after F or N, the next frame is
// on screen within one animation frame (16.7 ms), because the page prefetched and decoded it.
//
// Starts an embedded Postgres, the real API, the built web app (`next start`) and Chromium at
// 1280×800; seeds a dataset of 1280×720 JPEG frames and a labeller; signs in and opens the
// single-frame labelling page. Node presses F / N at a practised labeller's pace; the page itself
// times each press to the moment the next frame's picture is painted (see labelling-browser-probe.ts).
// The references, measured in the same run on the same page: one animation-frame round, a picture
// never loaded before painted by a bare <img> (what the page would cost without prefetch) and the
// same picture again from the cache (the floor for any page). Afterwards it reads the labeller's
// annotations from the database: the decisions were real.
//
// Environment: BENCH_BROWSER_DECISIONS (default 200) measured decisions, after BENCH_BROWSER_WARMUP
// (10) not counted; BENCH_BROWSER_FRAMES (300) frames in the dataset; BENCH_LABEL_PACE_MS ("300-600":
// a pause drawn from that range, or one number) from one press to the next; CHROMIUM_PATH;
// DATABASE_URL to use a Postgres server instead of an embedded one.
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { launchChromium, waitForHydrationAfterGoto } from "../test/e2e/support/browser.ts";
import { startWebServer, type WebServer } from "../test/e2e/support/web-server.ts";
import { startTestDatabase, type TestDatabase } from "../test/support/database.ts";
import { LABEL_IMAGE, PROBE_SCRIPT, READ_RECORDS, paintTimesSchema, probeRecordsSchema, rafRoundsSchema, type PaintTimes } from "./labelling-browser-probe.ts";
import { reportLabellingLatency, type References } from "./labelling-browser-report.ts";
import { seedBrowserWorld, startBenchApi, type BenchApi } from "./labelling-browser-world.ts";

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
const pace = paceRange();
const referenceCount = 30;
// The page leases 20 frames at a time and refills below 8: keep a margin so the queue never runs dry.
if (decisions + warmUp > frameCount - 30) throw new Error(`BENCH_BROWSER_FRAMES (${frameCount}) must exceed warm-up + decisions (${warmUp + decisions}) by 30`);

/**
 * The benchmark measures the built web app: stop early when there is none, and say so when the
 * sources changed after the build (the figures would be those of the older page).
 */
function checkWebBuild(): string | null {
  const webDir = fileURLToPath(new URL("../apps/web/", import.meta.url));
  const buildId = path.join(webDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) throw new Error("apps/web is not built: run `npm run build -w @kao/web` first (the benchmark measures the built page under `next start`).");
  const builtAt = statSync(buildId).mtimeMs;
  const newer = readdirSync(path.join(webDir, "src"), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && statSync(path.join(entry.parentPath, entry.name)).mtimeMs > builtAt);
  return newer.length ? `⚠ apps/web/.next is older than ${newer.length} source file(s) (e.g. ${path.relative(webDir, path.join(newer[0]?.parentPath ?? "", newer[0]?.name ?? ""))}): these figures are the last build's; run \`npm run build -w @kao/web\` to measure the current page.` : null;
}

const SESSION_SECRET = "bench-session-secret-0123456789abcdef0123456789";
const VIEWPORT = { width: 1280, height: 800 };
const say = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const temp = await mkdtemp(path.join(tmpdir(), "kao-bench-browser-"));
let database: TestDatabase | null = null;
let api: BenchApi | null = null;
let web: WebServer | null = null;
let browser: Browser | null = null;
let cleaning: Promise<void> | null = null;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await browser?.close().catch((error: unknown) => console.error(`could not close Chromium: ${String(error)}`));
    await web?.stop().catch((error: unknown) => console.error(`could not stop the web app: ${String(error)}`));
    await api?.close().catch((error: unknown) => console.error(`could not stop the API: ${String(error)}`));
    await database?.stop().catch((error: unknown) => console.error(`could not stop Postgres: ${String(error)}`));
    await rm(temp, { recursive: true, force: true });
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up…`);
    void cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Password", { exact: true }).press("Enter");
  await page.waitForURL((url) => url.pathname === "/datasets");
}

/** Waits until `count` frames have come on screen and the last is painted (by the probe and by the page, which ignores keys before). */
async function waitForShown(page: Page, count: number) {
  await page.waitForFunction(
    `(() => { const f = window.__kaoBench.frames; const last = f[f.length - 1]; return f.length >= ${count} && last.paintedAt !== null && last.appPaintedAt !== null; })()`,
    undefined,
    { polling: 20, timeout: 20_000 },
  );
}

try {
  say(`kao in-browser labelling benchmark: ${warmUp} + ${decisions} decisions on ${frameCount} frames of ${"1280×720"}, a key every ${pace.low}–${pace.high} ms`);
  say(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  const stale = checkWebBuild();
  if (stale) say(stale);
  database = await startTestDatabase();
  api = await startBenchApi({ connectionString: database.connectionString, storageRoot: path.join(temp, "files"), sessionSecret: SESSION_SECRET });
  // Started side by side (seeding the pictures is the slow part); each one that started is stopped
  // again by cleanUp even when another failed.
  const [seeded, started, launched] = await Promise.allSettled([
    seedBrowserWorld(api, {
      frames: frameCount,
      referenceFrames: 2 * referenceCount,
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
  waitForHydrationAfterGoto(page);
  await signIn(page, world.labeller);
  await page.goto(`/datasets/${world.datasetId}/label`);
  await page.locator(`${LABEL_IMAGE}[data-painted="true"]`).waitFor();
  await waitForShown(page, 1);

  const rafBefore = rafRoundsSchema.parse(await page.evaluate("window.__kaoBench.rafRounds(120)"));

  say(`labelling: ${warmUp} warm-up + ${decisions} decisions…`);
  let lastPress = 0;
  let late = 0;
  for (let i = 0; i < warmUp + decisions; i++) {
    await waitForShown(page, i + 1);
    const wait = pace.low + Math.random() * (pace.high - pace.low);
    const due = lastPress + wait - performance.now();
    if (due > 0) await sleep(due);
    else if (i > 0) late += 1; // the next frame was not painted within the pause: the person would have waited
    lastPress = performance.now();
    await page.keyboard.press(Math.random() < 0.5 ? "f" : "n");
  }
  await waitForShown(page, warmUp + decisions + 1);
  await page.getByTestId("outbox-saved").waitFor({ timeout: 30_000 });
  const rafAfter = rafRoundsSchema.parse(await page.evaluate("window.__kaoBench.rafRounds(120)"));
  const records = probeRecordsSchema.parse(await page.evaluate(READ_RECORDS));

  say(`reference: ${referenceCount} pictures never loaded before, the same again from the cache, ${referenceCount} more prefetched as the page does it…`);
  const paint = async (frameId: string): Promise<PaintTimes> => paintTimesSchema.parse(await page.evaluate(`window.__kaoBench.paintUrl(${JSON.stringify(`/frames/${frameId}/display`)})`));
  const references: References = { rafBefore, rafAfter, cold: [], cached: [], prefetched: [] };
  const [coldIds, prefetchIds] = [world.referenceFrameIds.slice(0, referenceCount), world.referenceFrameIds.slice(referenceCount)];
  for (const frameId of coldIds) {
    references.cold.push(await paint(frameId));
    await sleep(100);
  }
  for (const frameId of coldIds) {
    references.cached.push(await paint(frameId));
    await sleep(100);
  }
  for (const frameId of prefetchIds) {
    await page.evaluate(`window.__kaoBench.prefetchUrl(${JSON.stringify(`/frames/${frameId}/display`)})`);
    await sleep(pace.low);
    references.prefetched.push(await paint(frameId));
  }

  const accepted = await api.db.annotation.count({ where: { userId: world.labeller.id, frame: { datasetId: world.datasetId } } });
  reportLabellingLatency({ records, references, warmUp, late, say });
  const pressed = records.presses.length;
  const shown = records.frames.filter((frame) => frame.keyAt !== null).length;
  say(`decisions: ${pressed} keys pressed, ${shown} frames followed a key, ${accepted} annotations by the labeller in the database`);
  if (accepted !== pressed || shown !== pressed) {
    say(`✗ every key press should have made exactly one decision and shown one new frame`);
    process.exitCode = 1;
  } else {
    say("✓ every key press was one decision the API stored");
  }
} finally {
  await cleanUp();
}
