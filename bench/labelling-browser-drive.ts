// Driving the browser for the in-browser labelling benchmark: signing in, and pressing F / N at a
// labeller's pace. Node only paces the keys; the timing is done in the page (labelling-browser-probe.ts).
import type { Page } from "playwright-core";
import { READ_RECORDS, paintTimesSchema, probeRecordsSchema, rafRoundsSchema, type PaintTimes, type ProbeRecords } from "./labelling-browser-probe.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs in on the web app's form (after React hydrated it: keys typed before would be lost). */
export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/signin");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Password", { exact: true }).press("Enter");
  await page.waitForURL((url) => url.pathname === "/datasets");
}

/**
 * Waits until `count` frames have come on screen and the last one is painted, by the probe's
 * measure and by the page's own data-painted (the page ignores keys before: nobody has seen it).
 * Polled on a timer, not on animation frames, which would keep the page rendering.
 */
export async function waitForShown(page: Page, count: number) {
  await page.waitForFunction(
    `(() => { const f = window.__kaoBench.frames; const last = f[f.length - 1]; return f.length >= ${count} && last.paintedAt !== null && last.appPaintedAt !== null; })()`,
    undefined,
    { polling: 20, timeout: 20_000 },
  );
}

/**
 * Presses F or N `count` times, each a pause drawn from `pace` after the previous press, and never
 * before the frame on screen is painted. Returns how many presses came later than their pause
 * because the frame was not painted yet (the person would have had to wait).
 */
export async function pressKeys(page: Page, options: { count: number; pace: { low: number; high: number } }): Promise<number> {
  const shownBefore = Number(await page.evaluate("window.__kaoBench.frames.length"));
  let lastPress = 0;
  let late = 0;
  for (let i = 0; i < options.count; i++) {
    await waitForShown(page, shownBefore + i);
    const due = lastPress + options.pace.low + Math.random() * (options.pace.high - options.pace.low) - performance.now();
    if (due > 0) await sleep(due);
    else if (i > 0) late += 1;
    lastPress = performance.now();
    await page.keyboard.press(Math.random() < 0.5 ? "f" : "n");
  }
  await waitForShown(page, shownBefore + options.count);
  return late;
}

/** The gaps between `rounds` + 1 consecutive animation frames of the page. */
export async function animationFrameRounds(page: Page, rounds: number): Promise<number[]> {
  return rafRoundsSchema.parse(await page.evaluate(`window.__kaoBench.rafRounds(${rounds})`));
}

/**
 * The bare-<img> references on `page` (see the probe's `paintUrl`): `cold` pictures never loaded,
 * then the same again (painted before), then `prefetch` pictures loaded as the page's prefetcher
 * does and shown a pause later.
 */
export async function paintReferences(page: Page, options: { cold: readonly string[]; prefetch: readonly string[]; pauseMs: number }) {
  const paint = async (url: string): Promise<PaintTimes> => paintTimesSchema.parse(await page.evaluate(`window.__kaoBench.paintUrl(${JSON.stringify(url)})`));
  const cold: PaintTimes[] = [];
  const cached: PaintTimes[] = [];
  const prefetched: PaintTimes[] = [];
  for (const url of options.cold) {
    cold.push(await paint(url));
    await sleep(100);
  }
  for (const url of options.cold) {
    cached.push(await paint(url));
    await sleep(100);
  }
  for (const url of options.prefetch) {
    await page.evaluate(`window.__kaoBench.prefetchUrl(${JSON.stringify(url)})`);
    await sleep(options.pauseMs);
    prefetched.push(await paint(url));
  }
  return { cold, cached, prefetched };
}

export async function readRecords(page: Page): Promise<ProbeRecords> {
  return probeRecordsSchema.parse(await page.evaluate(READ_RECORDS));
}
