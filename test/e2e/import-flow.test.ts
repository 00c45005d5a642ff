import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, type TestContext } from "vitest";
import { seedDataset, seedUser } from "@kao/db/seed";
import { resolveFfmpeg } from "@kao/media";
import { startWorker } from "@kao/worker";
import { TEST_SESSION_SECRET, startTestApi, type TestApi } from "../support/api.ts";
import { TRACE_DIR, followLink, launchChromium, screenshot, waitForHydrationAfterGoto } from "./support/browser.ts";
import { startWebServer, type WebServer } from "./support/web-server.ts";

type SeededUser = Awaited<ReturnType<typeof seedUser>>;

const run = promisify(execFile);

let api: TestApi;
let worker: Awaited<ReturnType<typeof startWorker>>;
let web: WebServer;
let browser: Browser;
let admin: SeededUser;
let labeller: SeededUser;
let mediaDir: string;
let datasetId: string;
let media: { video: string; face: string; landscape: string; empty: string; long: string };

/**
 * Six seconds in two shots: testsrc, then testsrc2. Each sampled second differs in pixels (their
 * counters and motion), so 1 fps gives six frames, not duplicates; the cut between the two patterns
 * starts a new scene. (Flat colour cards would not do: flat pictures all share one perceptual hash,
 * so red → blue is one scene, and the seconds of one card are pixel-identical duplicates.)
 */
async function makeVideo(output: string) {
  const { ffmpeg } = resolveFfmpeg();
  await run(ffmpeg, [
    "-y", "-v", "error",
    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=3",
    "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=3",
    "-filter_complex", "concat=n=2:v=1:a=0",
    "-pix_fmt", "yuv420p", output,
  ]);
  return output;
}

/** A long testsrc video: slow enough to import at a high rate that it can be watched and cancelled. */
async function makeLongVideo(output: string, seconds: number) {
  const { ffmpeg } = resolveFfmpeg();
  await run(ffmpeg, ["-y", "-v", "error", "-f", "lavfi", "-i", `testsrc=size=320x240:rate=25:duration=${seconds}`, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", output]);
  return output;
}

/** A PNG drawn from SVG shapes (no text: the test machine may have no fonts). */
async function makePng(output: string, svg: string) {
  await sharp(Buffer.from(svg)).png().toFile(output);
  return output;
}

const FACE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
  <rect width="640" height="360" fill="#fde2e4"/>
  <circle cx="320" cy="190" r="130" fill="#ffd6a5" stroke="#3f3f46" stroke-width="6"/>
  <path d="M190 150 Q320 20 450 150 L450 110 Q320 -10 190 110 Z" fill="#3f3f46"/>
  <ellipse cx="272" cy="180" rx="16" ry="22" fill="#3f3f46"/>
  <ellipse cx="368" cy="180" rx="16" ry="22" fill="#3f3f46"/>
  <path d="M262 240 Q320 290 378 240" stroke="#3f3f46" stroke-width="8" fill="none" stroke-linecap="round"/>
</svg>`;

const LANDSCAPE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7dd3fc"/><stop offset="1" stop-color="#e0f2fe"/></linearGradient></defs>
  <rect width="640" height="360" fill="url(#sky)"/>
  <circle cx="500" cy="90" r="45" fill="#fde047"/>
  <path d="M0 300 L150 150 L260 260 L380 120 L640 320 L640 360 L0 360 Z" fill="#4d7c0f"/>
  <path d="M0 330 Q320 280 640 340 L640 360 L0 360 Z" fill="#365314"/>
</svg>`;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startWorker({ db: api.db, connectionString: inject("databaseUrl"), storage: api.storage, staleAfterMs: 5000 });
  [admin, labeller] = await Promise.all([seedUser(api.db, { role: "ADMIN" }), seedUser(api.db, { role: "LABELER" })]);
  const dataset = await seedDataset(api.db, { name: `E2E import ${admin.email.slice(6, 14)}`, members: [admin, labeller], createdById: admin.id });
  datasetId = dataset.id;

  mediaDir = await mkdtemp(path.join(tmpdir(), "kao-e2e-media-"));
  await mkdir(mediaDir, { recursive: true });
  const [video, face, landscape, long] = await Promise.all([
    makeVideo(path.join(mediaDir, "shots.mp4")),
    makePng(path.join(mediaDir, "face.png"), FACE_SVG),
    makePng(path.join(mediaDir, "landscape.png"), LANDSCAPE_SVG),
    makeLongVideo(path.join(mediaDir, "long.mp4"), 120),
  ]);
  const empty = path.join(mediaDir, "empty.png");
  await writeFile(empty, Buffer.alloc(0));
  media = { video, face, landscape, empty, long };

  web = await startWebServer({ apiOrigin: api.origin, secret: TEST_SESSION_SECRET });
  browser = await launchChromium();
});

afterAll(async () => {
  // Other files share the database, and one of them counts the active admins.
  if (admin) await api.db.user.update({ where: { id: admin.id }, data: { deactivatedAt: new Date() } });
  await browser?.close();
  await web?.stop();
  await worker?.stop();
  await api?.close();
  if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
});

let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  context = await browser.newContext({ baseURL: web.url, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  await context.tracing.start({ screenshots: true, snapshots: true });
  page = await context.newPage();
  waitForHydrationAfterGoto(page);
});

afterEach(async (test: TestContext) => {
  if (test.task.result?.state === "fail") {
    const name = `failed-${slug(test.task.name)}`;
    await screenshot(page, name).catch((error: unknown) => console.error("no failure screenshot", error));
    await mkdir(TRACE_DIR, { recursive: true });
    await context.tracing.stop({ path: `${TRACE_DIR}${name}.zip` });
    console.error(`screenshot and trace: ${name}; web server output:\n${web.output().slice(-4000)}`);
  } else {
    await context.tracing.stop();
  }
  await context.close();
});

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

async function signIn(user: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Password", { exact: true }).press("Enter");
  await page.waitForURL((url) => url.pathname === "/datasets");
  // Signing in ends with a full page load; wait for React before the next interaction.
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** What the page's `<img>` elements tell about loading (the test's TypeScript has no DOM types). */
interface LoadedImage {
  complete: boolean;
  naturalWidth: number;
}

/** Runs in the page: the image's decoded width once it has loaded, else 0. */
const naturalWidth = (element: unknown) => {
  const img = element as LoadedImage;
  return img.complete ? img.naturalWidth : 0;
};

async function sessionCookie() {
  const cookies = await context.cookies();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

describe("import flow", () => {
  it("leaves /uploads and /frames to the API's authentication", async () => {
    const upload = await fetch(`${web.url}/uploads?datasetId=${datasetId}`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "x-kao-upload": "1" },
      body: "--x--\r\n",
      redirect: "manual",
    });
    expect(upload.status).toBe(401);
    expect(((await upload.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("UNAUTHENTICATED");

    const image = await fetch(`${web.url}/frames/00000000-0000-4000-8000-000000000000/thumb`, { redirect: "manual" });
    expect(image.status).toBe(401);
  });

  it("streams a large upload through the proxy whole", async () => {
    await signIn(admin);
    // 12 MB: over the 10 MB that Next.js keeps of bodies its middleware sees. Cut off, the API would
    // answer "cut off or malformed" for the request; whole, it judges the file itself.
    const form = new FormData();
    form.append("file", new Blob([Buffer.alloc(12 * 1024 * 1024, 7)]), "noise.mp4");
    const response = await fetch(`${web.url}/uploads?datasetId=${datasetId}`, {
      method: "POST",
      headers: { cookie: await sessionCookie(), "x-kao-upload": "1" },
      body: form,
    });
    const body = (await response.json()) as { uploads: unknown[]; errors: { fileName: string; code: string }[] };
    expect(response.status).toBe(400);
    expect(body.uploads).toEqual([]);
    expect(body.errors).toEqual([expect.objectContaining({ fileName: "noise.mp4", code: "UNSUPPORTED_TYPE" })]);

    // Without the CSRF header the API refuses cookie uploads.
    const forged = await fetch(`${web.url}/uploads?datasetId=${datasetId}`, { method: "POST", headers: { cookie: await sessionCookie() }, body: form });
    expect(forged.status).toBe(400);
  });

  it("lets an admin upload a video and images, refusing the empty file, and follow the import", async () => {
    await signIn(admin);
    await page.goto(`/datasets/${datasetId}`);
    await followLink(page, page.getByRole("link", { name: "Import", exact: true }), `/datasets/${datasetId}/import`);

    await page.locator('[data-testid="file-input"][data-ready]').waitFor({ state: "attached" });
    await page.getByLabel("Files to import").setInputFiles([media.video, media.face, media.landscape, media.empty]);
    await expect.poll(() => page.getByTestId("selected-file").count(), { timeout: 10_000 }).toBe(4);
    await page.getByLabel("Title").fill("Test Title");
    await page.getByLabel("Episode").fill("1");
    expect(await page.getByLabel("Frames per second").inputValue()).toBe("1");
    await screenshot(page, "import-selected");

    // A slow connection, so that the upload's progress can be seen (and photographed) mid-way.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 24 * 1024 });
    const videoBytes = (await stat(media.video)).size;
    await page.getByRole("button", { name: "Import 4 files" }).click();
    const progress = page.getByRole("progressbar", { name: "Upload progress" });
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(page, "import-uploading");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // The empty file is refused by name; the rest go on to be imported.
    const result = page.getByTestId("import-result");
    await result.waitFor({ timeout: 30_000 });
    await page.getByTestId("upload-rejection").filter({ hasText: "empty.png" }).filter({ hasText: "empty (0 bytes)" }).waitFor();
    const job = page.getByTestId("import-job");
    await job.waitFor();
    await screenshot(page, "import-started");
    await page.locator('[data-testid="import-job"][data-status="SUCCEEDED"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("import-frames-added").textContent()).toBe("8");
    expect(await page.getByTestId("import-failed").textContent()).toBe("0");
    const video = page.locator('[data-testid="import-item"][data-file="shots.mp4"]');
    expect(await video.getAttribute("data-status")).toBe("SUCCEEDED");
    expect(await video.locator("td").nth(3).textContent()).toBe("6");
    expect(await page.getByTestId("import-item").count()).toBe(3);
    await screenshot(page, "import-done");

    const rows = await api.db.frame.findMany({ where: { datasetId }, select: { videoId: true } });
    expect(rows.filter((row) => row.videoId !== null)).toHaveLength(6);
    expect(rows.filter((row) => row.videoId === null)).toHaveLength(2);
    expect(videoBytes).toBeGreaterThan(0);

    // The dataset page lists the import, and its frame count is fresh.
    await page.goto(`/datasets/${datasetId}`);
    await page.locator('[data-testid="import-row"][data-status="SUCCEEDED"]').filter({ hasText: "Test Title" }).waitFor();
    await page.getByRole("link", { name: "Frames (8)" }).waitFor();
    await screenshot(page, "dataset-imports");

    // Its own page shows the same, with every file.
    await followLink(page, page.locator('[data-testid="import-row"]').getByRole("link", { name: /Test Title/ }), /\/imports\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="import-item"][data-file="face.png"]').waitFor();
  });

  it("shows the frames grouped by scene, with thumbnails and a lightbox", async () => {
    await signIn(admin);
    await page.goto(`/datasets/${datasetId}`);
    await followLink(page, page.getByRole("link", { name: "Frames (8)" }), `/datasets/${datasetId}/frames`);

    const groups = page.getByTestId("scene-group");
    await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(4);
    // The video's two shots, then the two images (frames come in title, video, time order).
    const first = groups.nth(0);
    const second = groups.nth(1);
    expect(await first.getByRole("heading").textContent()).toBe("0:00–0:02");
    expect(await second.getByRole("heading").textContent()).toBe("0:03–0:05");
    expect(await first.getByTestId("scene-details").textContent()).toBe("Test Title · shots.mp4 · Ep. 1");
    expect(await first.getByTestId("frame-time").allTextContents()).toEqual(["0:00", "0:01", "0:02"]);
    expect(await second.getByTestId("frame-time").allTextContents()).toEqual(["0:03", "0:04", "0:05"]);
    const imageHeadings = await Promise.all([groups.nth(2).getByRole("heading").textContent(), groups.nth(3).getByRole("heading").textContent()]);
    expect(imageHeadings.sort()).toEqual(["face.png", "landscape.png"]);
    expect(await page.getByTestId("frames-shown").textContent()).toContain("Showing 8 frames in 4 scenes");

    // Thumbnails come through the web app's proxy, with the session cookie.
    const thumbnail = page.getByTestId("frame-tile").first().locator("img");
    await expect.poll(() => thumbnail.evaluate(naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid="frame-tile"] img').evaluateAll((imgs) => imgs.every((img) => (img as unknown as LoadedImage).complete && (img as unknown as LoadedImage).naturalWidth > 0)), { timeout: 15_000 })
      .toBe(true);
    await screenshot(page, "frames");

    await page.getByTestId("frame-tile").nth(1).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Test Title at 0:01" }).waitFor();
    const large = dialog.locator("img");
    await expect.poll(() => large.evaluate(naturalWidth), { timeout: 15_000 }).toBe(320);
    expect(await dialog.textContent()).toContain("320 × 240 px");
    await screenshot(page, "frame-lightbox");
    await page.keyboard.press("ArrowRight");
    await dialog.getByRole("heading", { name: "Test Title at 0:02" }).waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // Filters live in the URL.
    await page.getByLabel("Split").selectOption("TRAIN");
    await page.waitForURL((url) => url.searchParams.get("split") === "TRAIN");
    await page.getByText("No frames match these filters").waitFor();
    await followLink(page, page.getByRole("link", { name: "Clear the filters" }), (url) => url.pathname.endsWith("/frames") && url.search === "");
    await expect.poll(() => page.getByTestId("scene-group").count(), { timeout: 10_000 }).toBe(4);
    await page.getByLabel("Title", { exact: true }).selectOption({ label: "Test Title (8)" });
    await page.waitForURL((url) => url.searchParams.has("title"));
    await expect.poll(() => page.getByTestId("frame-tile").count(), { timeout: 10_000 }).toBe(8);

    // A phone-sized screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/datasets/${datasetId}/frames`);
    await page.getByTestId("scene-group").first().waitFor();
    await screenshot(page, "frames-mobile");
  });

  it("shows a labeller the frames but not the import page", async () => {
    await signIn(labeller);
    await page.goto(`/datasets/${datasetId}`);
    expect(await page.getByRole("link", { name: "Import", exact: true }).count()).toBe(0);
    await followLink(page, page.getByRole("link", { name: "Frames (8)" }), `/datasets/${datasetId}/frames`);
    await page.getByTestId("scene-group").first().waitFor();
    expect(await page.getByRole("link", { name: "Import", exact: true }).count()).toBe(0);
    await page.goto(`/datasets/${datasetId}/import`);
    await page.getByTestId("forbidden").waitFor();
  });

  it("shows an empty dataset's frames page with a way to import", async () => {
    const empty = await seedDataset(api.db, { members: [admin] });
    await signIn(admin);
    await page.goto(`/datasets/${empty.id}/frames`);
    await page.getByText("No frames yet").waitFor();
    await followLink(page, page.getByRole("link", { name: "Import videos or images" }), `/datasets/${empty.id}/import`);
  });

  it("shows a running import's progress and lets an admin cancel it", async () => {
    const other = await seedDataset(api.db, { members: [admin] });
    await signIn(admin);
    await page.goto(`/datasets/${other.id}/import`);
    await page.locator('[data-testid="file-input"][data-ready]').waitFor({ state: "attached" });
    await page.getByLabel("Files to import").setInputFiles([media.long]);
    await page.getByLabel("Title").fill("Long Title");
    await page.getByLabel("Kind").selectOption("ARTIST");
    // 10 frames a second of two minutes: 1,200 frames, far more than are done before the cancel.
    await page.getByLabel("Frames per second").fill("10");
    await page.getByRole("button", { name: "Import 1 file" }).click();

    const job = page.getByTestId("import-job");
    await page.locator('[data-testid="import-job"][data-status="RUNNING"]').waitFor({ timeout: 30_000 });
    const bar = page.getByRole("progressbar", { name: "Import progress" });
    await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => Number(await page.getByTestId("import-frames-added").textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, "import-running");

    await job.getByRole("button", { name: "Cancel the import of Long Title" }).click();
    await job.getByRole("button", { name: "Stop import" }).click();
    await page.locator('[data-testid="import-job"][data-status="CANCELLED"]').waitFor({ timeout: 30_000 });
    const added = Number(await page.getByTestId("import-frames-added").textContent());
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(1200);
    expect(await job.getByRole("button", { name: /Cancel the import/ }).count()).toBe(0);
    await screenshot(page, "import-cancelled");
    // The frames imported before the cancel stay.
    expect(await api.db.frame.count({ where: { datasetId: other.id } })).toBe(added);
    const title = await api.db.title.findFirstOrThrow({ where: { datasetId: other.id } });
    expect(title).toMatchObject({ name: "Long Title", kind: "ARTIST" });
  });
});
