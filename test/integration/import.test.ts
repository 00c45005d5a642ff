import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset } from "@kao/db/seed";
import { importFiles, makeTestsrc, makeVideo, makeZip, startImportEnv, type ImportEnv } from "../support/import.ts";

let env: ImportEnv;
let testsrc12: Buffer;

beforeAll(async () => {
  env = await startImportEnv({ workers: 3 });
  testsrc12 = await readFile(await makeTestsrc(path.join(env.dir, "testsrc12.mp4"), 12));
});
afterAll(() => env?.close());

const png = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
/** Pixels that differ everywhere (a gradient), so resizes and re-encodes really do something. */
const gradientPng = (width: number, height: number, options: Parameters<ReturnType<typeof sharp>["png"]>[0] = {}) => {
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i += 1) {
    rgb[i * 3] = i % 256;
    rgb[i * 3 + 1] = Math.floor(i / width) % 256;
    rgb[i * 3 + 2] = (i * 7) % 256;
  }
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png(options).toBuffer();
};

interface FrameView {
  id: string;
  sourceName: string;
  timestampMs: number | null;
  width: number;
  height: number;
  sceneId: string | null;
  title: { id: string; name: string };
  video: { id: string; fileName: string; episode: string | null; durationMs: number | null; sampleFps: number } | null;
  imageUrl: string;
  displayUrl: string;
  thumbnailUrl: string;
}
const FRAME_FIELDS = "id sourceName timestampMs width height sceneId title { id name } video { id fileName episode durationMs sampleFps } imageUrl displayUrl thumbnailUrl";

async function framesPage(args: Record<string, unknown>, token = env.adminToken) {
  const response = await env.api.graphql<{ frames: { edges: { cursor: string; node: FrameView }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
    `query($datasetId: ID!, $titleId: ID, $videoId: ID, $sceneId: ID, $first: Int, $after: String) {
       frames(datasetId: $datasetId, titleId: $titleId, videoId: $videoId, sceneId: $sceneId, first: $first, after: $after) {
         edges { cursor node { ${FRAME_FIELDS} } } pageInfo { hasNextPage endCursor }
       }
     }`,
    { variables: args, token },
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.frames;
}

async function allFrames(args: Record<string, unknown>): Promise<FrameView[]> {
  return (await framesPage({ first: 200, ...args })).edges.map((edge) => edge.node);
}

async function fetchJpeg(url: string) {
  const response = await fetch(`${env.api.origin}${url}`, { headers: { authorization: `Bearer ${env.adminToken}` } });
  expect(response.status, url).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/jpeg");
  const body = Buffer.from(await response.arrayBuffer());
  expect([...body.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  const metadata = await sharp(body).metadata();
  return { format: metadata.format, width: metadata.width, height: metadata.height };
}

const range = (count: number, step: number) => Array.from({ length: count }, (_, i) => i * step);

// Independent datasets: the imports run side by side on three workers (one import at a time each).
describe.concurrent("import", { timeout: 90_000 }, () => {
  describe("import: videos", () => {
    it("samples a video at 1 fps with timestamps and groups colour segments into scenes, plus images", async () => {
      const dataset = await seedDataset(env.api.db);
      const video = await makeVideo(path.join(env.dir, "ep1.mp4"), [
        // Every sample's pixels differ (temporal noise, moving patterns) while each segment stays one scene.
        // Not flat colours: noise decides a flat picture's dHash bits, so they would not stay one scene.
        "-f", "lavfi", "-i", "smptebars=s=320x240:d=3:r=25,noise=alls=12:allf=t",
        "-f", "lavfi", "-i", "testsrc=s=320x240:d=3:r=25",
        "-f", "lavfi", "-i", "testsrc2=s=320x240:d=3:r=25",
        "-filter_complex", "concat=n=3:v=1:a=0",
      ]);
      const { job: created, finished } = await importFiles(env, dataset.id, [
        { name: "ep1.mp4", data: await readFile(video) },
        { name: "still.png", data: await png(64, 48, "#808000") },
      ], { episode: "1" });
      expect(created.status).toBe("QUEUED");
      const job = await finished();
      expect(job.status).toBe("SUCCEEDED");
      expect(job.framesAdded).toBe(10);
      expect(job.progress).toBe(1);
      expect(job.done).toBe(job.total);

      const frames = await env.api.db.frame.findMany({ where: { datasetId: dataset.id, videoId: { not: null } }, orderBy: { timestampMs: "asc" } });
      expect(frames.map((f) => f.timestampMs)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]);
      expect(new Set(frames.map((f) => f.sceneId)).size).toBe(3);
    });

    it("samples 12 s at 1 fps into 12 frames at 0…11000 ms, with title, video and image URLs right", async () => {
      const dataset = await seedDataset(env.api.db);
      const { job: created, finished } = await importFiles(env, dataset.id, [{ name: "ep12.mp4", data: testsrc12 }], { title: "Kao no Anime", episode: "12" });
      expect(created).toMatchObject({ title: "Kao no Anime", episode: "12", sampleFps: 1 });
      const job = await finished();
      expect(job).toMatchObject({ status: "SUCCEEDED", framesAdded: 12, duplicates: 0, failed: 0, done: 12, total: 12, progress: 1, error: null });
      expect(job.items).toEqual([{ fileName: "ep12.mp4", kind: "VIDEO", status: "SUCCEEDED", framesAdded: 12, duplicates: 0, failed: 0, error: null }]);

      const frames = await allFrames({ datasetId: dataset.id });
      expect(frames.map((f) => f.timestampMs)).toEqual(range(12, 1000));
      const [first] = frames;
      if (!first) throw new Error("no frames");
      expect(first.title.name).toBe("Kao no Anime");
      expect(first.video).toMatchObject({ fileName: "ep12.mp4", episode: "12", sampleFps: 1 });
      expect(first.video?.durationMs).toBeGreaterThanOrEqual(11_900);
      expect(first.video?.durationMs).toBeLessThanOrEqual(12_100);
      expect(new Set(frames.map((f) => f.video?.id)).size).toBe(1);
      for (const frame of frames) {
        expect(frame).toMatchObject({ sourceName: "ep12.mp4", width: 320, height: 240 });
        expect(frame.thumbnailUrl).toBe(`/frames/${frame.id}/thumb`);
        expect(frame.displayUrl).toBe(`/frames/${frame.id}/display`);
        expect(frame.imageUrl).toBe(`/frames/${frame.id}/image`);
      }
      // The single `frame` query agrees.
      const one = await env.api.graphql<{ frame: FrameView }>(`query($id: ID!) { frame(id: $id) { ${FRAME_FIELDS} } }`, { variables: { id: first.id }, token: env.adminToken });
      expect(one.data?.frame).toEqual(first);

      for (const url of [first.imageUrl, first.displayUrl, first.thumbnailUrl]) {
        expect(await fetchJpeg(url)).toEqual({ format: "jpeg", width: 320, height: 240 });
      }
      // Every stored sample is a different picture (testsrc's counter changes every second).
      const rows = await env.api.db.frame.findMany({ where: { datasetId: dataset.id } });
      expect(new Set(rows.map((r) => r.sha256)).size).toBe(12);
      expect(rows.every((r) => r.phash !== null)).toBe(true);
    });

    it("samples at the import's rate: sampleFps 2 → 24 frames, every 500 ms", async () => {
      const dataset = await seedDataset(env.api.db);
      const { finished } = await importFiles(env, dataset.id, [{ name: "ep12.mp4", data: testsrc12 }], { sampleFps: 2 });
      const job = await finished();
      expect(job).toMatchObject({ status: "SUCCEEDED", framesAdded: 24, sampleFps: 2, done: 24, total: 24 });
      const frames = await allFrames({ datasetId: dataset.id });
      expect(frames.map((f) => f.timestampMs)).toEqual(range(24, 500));
      expect(frames[0]?.video?.sampleFps).toBe(2);
    });

    it("imports Matroska and WebM videos", async () => {
      const dataset = await seedDataset(env.api.db);
      const mkv = await makeTestsrc(path.join(env.dir, "ep.mkv"), 3);
      const webm = await makeVideo(path.join(env.dir, "ep.webm"), ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=3"], [
        "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k", "-pix_fmt", "yuv420p",
      ]);
      const { uploaded, finished } = await importFiles(env, dataset.id, [
        { name: "ep.mkv", data: await readFile(mkv) },
        { name: "ep.webm", data: await readFile(webm) },
      ]);
      expect(uploaded.uploads.map((u) => u.kind)).toEqual(["VIDEO", "VIDEO"]);
      const job = await finished();
      expect(job.status).toBe("SUCCEEDED");
      expect(job.items.map((i) => [i.fileName, i.status, i.framesAdded]).sort()).toEqual([
        ["ep.mkv", "SUCCEEDED", 3],
        ["ep.webm", "SUCCEEDED", 3],
      ]);
      const frames = await allFrames({ datasetId: dataset.id });
      for (const name of ["ep.mkv", "ep.webm"]) {
        expect(frames.filter((f) => f.sourceName === name).map((f) => f.timestampMs)).toEqual([0, 1000, 2000]);
      }
    });
  });

  describe("import: images", () => {
    it("imports a zip of PNGs, an upright-rotated EXIF JPEG and a WebP, with downscaled display and thumbnail", async () => {
      const dataset = await seedDataset(env.api.db);
      const zip = makeZip([
        { name: "a.png", data: await png(40, 30, "#ff0000") },
        { name: "b.png", data: await png(40, 30, "#00ff00") },
        { name: "sub/c.png", data: await png(40, 30, "#0000ff") },
      ]);
      // Stored 64 wide × 32 high, shown rotated 90° clockwise (orientation 6): upright it is 32 × 64.
      const exif = await sharp({ create: { width: 64, height: 32, channels: 3, background: "#336699" } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
      expect((await sharp(exif).metadata()).orientation).toBe(6);
      const webp = await sharp(await gradientPng(1600, 1000)).webp({ quality: 90 }).toBuffer();
      const { uploaded, finished } = await importFiles(env, dataset.id, [
        { name: "pics.zip", data: zip },
        { name: "phone.jpg", data: exif },
        { name: "wide.webp", data: webp },
      ]);
      expect(uploaded.errors).toEqual([]);
      expect(Object.fromEntries(uploaded.uploads.map((u) => [u.fileName, u.kind]))).toEqual({ "pics.zip": "ZIP", "phone.jpg": "IMAGE", "wide.webp": "IMAGE" });
      const job = await finished();
      expect(job).toMatchObject({ status: "SUCCEEDED", framesAdded: 5, duplicates: 0, failed: 0 });
      expect(job.items.find((i) => i.fileName === "pics.zip")).toMatchObject({ status: "SUCCEEDED", framesAdded: 3, error: null });

      const frames = await allFrames({ datasetId: dataset.id });
      expect(frames.map((f) => f.sourceName).sort()).toEqual(["phone.jpg", "pics.zip/a.png", "pics.zip/b.png", "pics.zip/sub/c.png", "wide.webp"]);
      expect(frames.every((f) => f.timestampMs === null && f.video === null)).toBe(true);
      const bySource = new Map(frames.map((f) => [f.sourceName, f]));
      expect(bySource.get("phone.jpg")).toMatchObject({ width: 32, height: 64 });
      expect(bySource.get("pics.zip/a.png")).toMatchObject({ width: 40, height: 30 });

      const phone = bySource.get("phone.jpg");
      if (!phone) throw new Error("missing");
      // The stored JPEG is upright: 32 × 64.
      expect(await fetchJpeg(phone.imageUrl)).toEqual({ format: "jpeg", width: 32, height: 64 });

      const wide = bySource.get("wide.webp");
      if (!wide) throw new Error("missing");
      expect(wide).toMatchObject({ width: 1600, height: 1000 });
      expect(await fetchJpeg(wide.imageUrl)).toEqual({ format: "jpeg", width: 1600, height: 1000 });
      expect(await fetchJpeg(wide.displayUrl)).toEqual({ format: "jpeg", width: 1280, height: 800 });
      expect(await fetchJpeg(wide.thumbnailUrl)).toEqual({ format: "jpeg", width: 320, height: 200 });
    });
  });

  describe("import: frames query", () => {
    it("filters by title, video and scene, and pages through with cursors", async () => {
      const dataset = await seedDataset(env.api.db);
      const video = await makeVideo(path.join(env.dir, "scenes.mp4"), [
        "-f", "lavfi", "-i", "testsrc=s=320x240:d=3:r=25",
        "-f", "lavfi", "-i", "testsrc2=s=320x240:d=3:r=25",
        "-filter_complex", "concat=n=2:v=1:a=0",
      ]);
      const first = await importFiles(env, dataset.id, [{ name: "scenes.mp4", data: await readFile(video) }], { title: "Alpha" });
      const second = await importFiles(env, dataset.id, [
        { name: "x.png", data: await png(20, 20, "#010203") },
        { name: "y.png", data: await png(20, 20, "#040506") },
      ], { title: "Beta", titleKind: "ARTIST" });
      expect((await first.finished()).status).toBe("SUCCEEDED");
      expect((await second.finished()).status).toBe("SUCCEEDED");

      const titles = await env.api.graphql<{ dataset: { titles: { id: string; name: string; kind: string; frameCount: number }[] } }>(
        `query($id: ID!) { dataset(id: $id) { titles { id name kind frameCount } } }`,
        { variables: { id: dataset.id }, token: env.adminToken },
      );
      const [alpha, beta] = titles.data?.dataset.titles ?? [];
      expect(alpha).toMatchObject({ name: "Alpha", kind: "TITLE", frameCount: 6 });
      expect(beta).toMatchObject({ name: "Beta", kind: "ARTIST", frameCount: 2 });

      const everything = await allFrames({ datasetId: dataset.id });
      expect(everything).toHaveLength(8);
      expect((await allFrames({ datasetId: dataset.id, titleId: beta?.id })).map((f) => f.sourceName)).toEqual(["x.png", "y.png"]);
      const alphaFrames = await allFrames({ datasetId: dataset.id, titleId: alpha?.id });
      expect(alphaFrames.map((f) => f.timestampMs)).toEqual(range(6, 1000));
      const videoId = alphaFrames[0]?.video?.id;
      expect(videoId).toBeTruthy();
      expect((await allFrames({ datasetId: dataset.id, videoId })).map((f) => f.id)).toEqual(alphaFrames.map((f) => f.id));

      // Two segments → two scenes of three frames; the scene filter returns exactly one of them.
      const scenes = [...new Set(alphaFrames.map((f) => f.sceneId))];
      expect(scenes).toHaveLength(2);
      const sceneFrames = await allFrames({ datasetId: dataset.id, sceneId: scenes[1] });
      expect(sceneFrames.map((f) => f.timestampMs)).toEqual([3000, 4000, 5000]);

      // Pages of 3: 3 + 3 + 2, no overlaps, same order as one big page.
      const paged: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page += 1) {
        const result = await framesPage({ datasetId: dataset.id, first: 3, after });
        paged.push(...result.edges.map((e) => e.node.id));
        expect(result.edges.length).toBe(page < 2 ? 3 : 2);
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(paged).toEqual(everything.map((f) => f.id));
    });
  });

  describe("import: exact duplicates", () => {
    it("skips a PNG imported twice and says so; the dataset keeps one frame", async () => {
      const dataset = await seedDataset(env.api.db);
      const data = await png(30, 20, "#123456");
      const firstJob = await (await importFiles(env, dataset.id, [{ name: "same.png", data }])).finished();
      expect(firstJob).toMatchObject({ status: "SUCCEEDED", framesAdded: 1, duplicates: 0 });
      const secondJob = await (await importFiles(env, dataset.id, [{ name: "same-again.png", data }])).finished();
      expect(secondJob).toMatchObject({ status: "SUCCEEDED", framesAdded: 0, duplicates: 1, failed: 0 });
      const [item] = secondJob.items;
      expect(item).toMatchObject({ fileName: "same-again.png", status: "SUCCEEDED", framesAdded: 0, duplicates: 1 });
      expect(item?.error).toMatch(/same-again\.png.*already in the dataset/);
      expect(await env.api.db.frame.count({ where: { datasetId: dataset.id } })).toBe(1);

      // The dataset lists both imports, newest first.
      const imports = await env.api.graphql<{ dataset: { imports: { edges: { node: { id: string; status: string; framesAdded: number } }[] } } }>(
        `query($id: ID!) { dataset(id: $id) { imports(first: 10) { edges { node { id status framesAdded } } } } }`,
        { variables: { id: dataset.id }, token: env.adminToken },
      );
      expect(imports.data?.dataset.imports.edges.map((e) => e.node)).toEqual([
        { id: secondJob.id, status: "SUCCEEDED", framesAdded: 0 },
        { id: firstJob.id, status: "SUCCEEDED", framesAdded: 1 },
      ]);
    });

    it("recognises the same pixels under a different PNG encoding; other pixels are not duplicates", async () => {
      const dataset = await seedDataset(env.api.db);
      const fast = await gradientPng(200, 150, { compressionLevel: 0 });
      const small = await gradientPng(200, 150, { compressionLevel: 9, adaptiveFiltering: true });
      expect(fast.equals(small)).toBe(false);
      const other = await sharp(await gradientPng(200, 150)).negate().png().toBuffer();
      const job = await (await importFiles(env, dataset.id, [
        { name: "a-fast.png", data: fast },
        { name: "b-small.png", data: small },
        { name: "c-other.png", data: other },
      ])).finished();
      expect(job).toMatchObject({ status: "SUCCEEDED", framesAdded: 2, duplicates: 1 });
      const byName = Object.fromEntries(job.items.map((i) => [i.fileName, [i.framesAdded, i.duplicates]]));
      expect(byName).toEqual({ "a-fast.png": [1, 0], "b-small.png": [0, 1], "c-other.png": [1, 0] });
      expect((await env.api.db.frame.findMany({ where: { datasetId: dataset.id } })).map((f) => f.sourceName).sort()).toEqual(["a-fast.png", "c-other.png"]);
    });
  });
});
