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
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, waitForHydrationAfterGoto } from "../test/e2e/support/browser.ts";
import { startWebServer, type WebServer } from "../test/e2e/support/web-server.ts";
import { startTestDatabase, type TestDatabase } from "../test/support/database.ts";
import { LABEL_IMAGE, PROBE_SCRIPT, READ_RECORDS, paintTimesSchema, probeRecordsSchema, rafRoundsSchema, type PaintTimes } from "./labelling-browser-probe.ts";
import { decisionTimings, longFrameSummary, present, spread, type Spread } from "./labelling-browser-stats.ts";
import { seedBrowserWorld, startBenchApi, type BenchApi } from "./labelling-browser-world.ts";
import { fixed, table } from "./measure.ts";

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

const row = (name: string, values: Spread, digits = 1) => [name, String(values.n), fixed(values.p50, digits), fixed(values.p95, digits), fixed(values.p99, digits), fixed(values.max, digits)];

try {
  say(`kao in-browser labelling benchmark: ${warmUp} + ${decisions} decisions on ${frameCount} frames of ${"1280×720"}, a key every ${pace.low}–${pace.high} ms`);
  say(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  database = await startTestDatabase();
  api = await startBenchApi({ connectionString: database.connectionString, storageRoot: path.join(temp, "files"), sessionSecret: SESSION_SECRET });
  const [world, webServer, chromium] = await Promise.all([
    seedBrowserWorld(api, {
      frames: frameCount,
      referenceFrames: referenceCount,
      onProgress: (done, total) => {
        if (done % 100 === 0 || done === total) say(`  ${done} of ${total} pictures seeded`);
      },
    }),
    startWebServer({ apiOrigin: api.origin, secret: SESSION_SECRET }),
    launchChromium(),
  ]);
  web = webServer;
  browser = chromium;
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

  say(`reference: ${referenceCount} pictures never loaded before, then the same again from the cache…`);
  const paint = async (frameId: string): Promise<PaintTimes> => paintTimesSchema.parse(await page.evaluate(`window.__kaoBench.paintUrl(${JSON.stringify(`/frames/${frameId}/display`)})`));
  const cold: PaintTimes[] = [];
  const cached: PaintTimes[] = [];
  for (const frameId of world.referenceFrameIds) {
    cold.push(await paint(frameId));
    await sleep(100);
  }
  for (const frameId of world.referenceFrameIds) {
    cached.push(await paint(frameId));
    await sleep(100);
  }

  const accepted = await api.db.annotation.count({ where: { userId: world.labeller.id, frame: { datasetId: world.datasetId } } });

  // ---------------------------------------------------------------------------------------------
  const all = decisionTimings(records);
  const measured = all.slice(warmUp);
  // The paint itself, as the browser reports it (Element Timing); the brief's second animation frame
  // after decode() where the browser reports none.
  const rendered = present(measured.map((d) => d.elementRender));
  const headline = rendered.length === measured.length ? "Element Timing render time" : "second animation frame after decode()";
  const painted = spread(rendered.length === measured.length ? rendered : present(measured.map((d) => d.painted)));
  const raf = spread([...rafBefore, ...rafAfter]);
  const coldRendered = present(cold.map((t) => t.rendered));
  const cachedRendered = present(cached.map((t) => t.rendered));
  const byRender = coldRendered.length === cold.length && cachedRendered.length === cached.length && headline === "Element Timing render time";
  const coldPainted = spread(byRender ? coldRendered : cold.map((t) => t.painted));
  const cachedPainted = spread(byRender ? cachedRendered : cached.map((t) => t.painted));
  say("");
  say(`key press → next frame's picture, ms after the key (timed in the page), ${measured.length} decisions after ${warmUp} warm-up:`);
  say(
    table(
      ["interval", "n", "p50", "p95", "p99", "max"],
      [
        row("key → <img> of the next frame in the DOM", spread(measured.map((d) => d.swapped))),
        row("key → next animation frame begins", spread(present(measured.map((d) => d.nextFrame)))),
        row("key → picture painted (Element Timing)", spread(rendered)),
        row("key → decode() of the new <img> resolved", spread(present(measured.map((d) => d.decoded)))),
        row("key → 2nd animation frame after decode()", spread(present(measured.map((d) => d.painted)))),
        row("key → the page's own data-painted", spread(present(measured.map((d) => d.appPainted)))),
        row("input delay (event created → listener)", spread(measured.map((d) => d.inputDelay)), 2),
      ],
    ),
  );
  say("");
  say("references, same run, same page (a bare <img> put on screen from a script):");
  say(
    table(
      ["reference", "n", "p50", "p95", "p99", "max"],
      [
        row("one animation-frame round (before)", spread(rafBefore), 2),
        row("one animation-frame round (after)", spread(rafAfter), 2),
        row("no prefetch: never loaded → loaded", spread(cold.map((t) => t.loaded))),
        row("no prefetch: → decoded", spread(cold.map((t) => t.decoded))),
        row("no prefetch: → painted (Element Timing)", spread(coldRendered)),
        row("no prefetch: → 2nd frame after decode()", spread(cold.map((t) => t.painted))),
        row("from the cache: → painted (Element Timing)", spread(cachedRendered)),
        row("from the cache: → 2nd frame after decode()", spread(cached.map((t) => t.painted))),
      ],
    ),
  );
  say("");
  const ratio = (value: number, reference: number) => `${fixed(value / reference, 2)}×`;
  say(`key → painted (${headline}): p50 ${fixed(painted.p50)} ms, p95 ${fixed(painted.p95)}, p99 ${fixed(painted.p99)}, max ${fixed(painted.max)}`);
  say(`  against one animation frame (${fixed(raf.p50, 2)} ms p50): p50 ${ratio(painted.p50, raf.p50)}, p95 ${ratio(painted.p95, raf.p50)}, p99 ${ratio(painted.p99, raf.p50)}, max ${ratio(painted.max, raf.p50)}`);
  say(`  against no prefetch (${fixed(coldPainted.p50)} ms p50): p50 ${ratio(painted.p50, coldPainted.p50)}, p95 ${ratio(painted.p95, coldPainted.p95)} (p95 against p95)`);
  say(`  against a bare <img> from the cache (${fixed(cachedPainted.p50)} ms p50, the floor for any page here): p50 ${ratio(painted.p50, cachedPainted.p50)}, p95 ${ratio(painted.p95, cachedPainted.p95)}`);
  const within = (limit: number) => (rendered.length === measured.length ? rendered : present(measured.map((d) => d.painted))).filter((ms) => ms <= limit).length;
  say(`  painted within one frame (16.7 ms): ${within(16.7)} of ${measured.length}; within two (33.3 ms): ${within(33.3)}; next picture already loaded when its <img> came (prefetched): ${measured.filter((d) => d.prefetched).length} of ${measured.length}`);
  if (late) say(`${late} presses came later than their pause because the frame was not painted yet`);
  const firstKey = records.presses[warmUp]?.at ?? 0;
  const long = longFrameSummary(records, firstKey, Number.POSITIVE_INFINITY);
  say(`long animation frames (> 50 ms) while labelling: ${long.count}, longest ${fixed(long.longest)} ms, ${fixed(long.blocking)} ms blocking in all${long.top.length ? `; scripts that ran longest in them: ${long.top.map(([name, ms]) => `${name} ${fixed(ms)} ms`).join(", ")}` : ""}`);
  for (const error of records.errors) say(`probe: ${error}`);
  const decodeErrors = records.frames.filter((frame) => frame.decodeError !== null);
  if (decodeErrors.length) say(`decode() failed for ${decodeErrors.length} frames (first: ${decodeErrors[0]?.decodeError})`);
  say(`load at the end ${loadavg().map((load) => load.toFixed(1)).join(" ")} (a loaded machine stretches every figure here, the references too)`);

  const pressed = records.presses.length;
  say(`decisions: ${pressed} keys pressed, ${all.length} frames followed a key, ${accepted} annotations by the labeller in the database`);
  if (accepted !== pressed || all.length !== pressed) {
    say(`✗ every key press should have made exactly one decision and shown one new frame`);
    process.exitCode = 1;
  } else {
    say("✓ every key press was one decision the API stored");
  }
} finally {
  await cleanUp();
}
