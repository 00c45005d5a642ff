import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { encode } from "next-auth/jwt";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset } from "@kao/db/seed";
import { TEST_SESSION_SECRET, startTestApi } from "../support/api.ts";
import {
  createImport,
  eventually,
  getImport,
  importFiles,
  listFiles,
  makeTestsrc,
  makeVideo,
  makeZip,
  pngBomb,
  postUploads,
  startImportEnv,
  tokenFor,
  upload,
  waitForImport,
  type ImportEnv,
} from "../support/import.ts";

let env: ImportEnv;
let video: Buffer;

beforeAll(async () => {
  env = await startImportEnv({ workers: 2 });
  video = await readFile(await makeTestsrc(path.join(env.dir, "short.mp4"), 2));
});
afterAll(() => env?.close());

const png = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
const noisyJpeg = async (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();

describe("bad files at upload: refused one by one, the rest kept", { timeout: 90_000 }, () => {
  it("refuses empty, mislabelled and unsupported files with per-file codes, and keeps no blob for them", async () => {
    const dataset = await seedDataset(env.api.db);
    const gif = Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(40)]);
    const result = await upload(env.api, env.adminToken, dataset.id, [
      { name: "empty.png", data: Buffer.alloc(0) },
      { name: "good.png", data: await png(16, 16, "#abcdef") },
      { name: "notes.mp4", data: Buffer.from("this is not a video, it is a text file\n".repeat(20)) },
      { name: "anim.gif", data: gif },
      { name: "readme.txt", data: Buffer.from("hello") },
      { name: "../../etc/sneaky.png", data: await png(4, 4, "#000000") },
    ]);
    expect(result.status).toBe(201);
    // A client-sent path keeps only its base name.
    expect(result.uploads.map((u) => [u.fileName, u.kind]).sort()).toEqual([["good.png", "IMAGE"], ["sneaky.png", "IMAGE"]]);
    const errors = Object.fromEntries(result.errors.map((e) => [e.fileName, e]));
    expect(Object.keys(errors).sort()).toEqual(["anim.gif", "empty.png", "notes.mp4", "readme.txt"]);
    expect(errors["empty.png"]).toMatchObject({ code: "EMPTY_FILE", message: expect.stringMatching(/^empty\.png: .*empty/) });
    expect(errors["notes.mp4"]).toMatchObject({ code: "UNSUPPORTED_TYPE", message: expect.stringMatching(/^notes\.mp4: .*not an MP4/) });
    expect(errors["anim.gif"]).toMatchObject({ code: "UNSUPPORTED_TYPE", message: expect.stringMatching(/^anim\.gif: .*\.gif files cannot be imported/) });
    expect(errors["readme.txt"]).toMatchObject({ code: "UNSUPPORTED_TYPE", message: expect.stringMatching(/^readme\.txt: .*\.txt files cannot be imported/) });

    // Only the accepted files are stored, under their ids, and only they have rows.
    expect(await listFiles(path.join(env.api.storageRoot, "uploads", dataset.id))).toEqual(result.uploads.map((u) => u.id).sort());
    expect(await env.api.db.upload.count({ where: { datasetId: dataset.id } })).toBe(2);
  });

  it("answers 400 with only errors when every file is refused", async () => {
    const dataset = await seedDataset(env.api.db);
    const result = await upload(env.api, env.adminToken, dataset.id, [{ name: "empty.jpg", data: Buffer.alloc(0) }]);
    expect(result.status).toBe(400);
    expect(result.uploads).toEqual([]);
    expect(result.errors).toEqual([{ fileName: "empty.jpg", code: "EMPTY_FILE", message: expect.stringContaining("empty.jpg") }]);
  });

  it("refuses a file over the size limit, keeps the small one of the same request and leaves no blob behind", async () => {
    const small = await startTestApi({ connectionString: env.database.connectionString, maxUploadBytes: 100_000 });
    try {
      const dataset = await seedDataset(small.db);
      const big = Buffer.concat([await png(8, 8, "#000000"), randomBytes(300_000)]);
      const result = await upload(small, env.adminToken, dataset.id, [
        { name: "big.png", data: big },
        { name: "small.png", data: await png(8, 8, "#ffffff") },
      ]);
      expect(result.status).toBe(201);
      expect(result.uploads.map((u) => u.fileName)).toEqual(["small.png"]);
      expect(result.errors).toEqual([{ fileName: "big.png", code: "TOO_LARGE", message: expect.stringMatching(/^big\.png: larger than the upload limit/) }]);
      expect(await listFiles(small.storageRoot)).toEqual([`uploads/${dataset.id}/${result.uploads[0]?.id}`]);
      expect(await small.db.upload.count({ where: { datasetId: dataset.id } })).toBe(1);
    } finally {
      await small.close();
    }
  });

  it("keeps nothing of an upload whose connection drops mid-file", async () => {
    const dataset = await seedDataset(env.api.db);
    const boundary = "kao-test-boundary";
    await new Promise<void>((resolve) => {
      const request = http.request(new URL(`${env.api.origin}/uploads?datasetId=${dataset.id}`), {
        method: "POST",
        headers: { authorization: `Bearer ${env.adminToken}`, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": "10000000" },
      });
      request.on("error", () => resolve());
      request.on("close", () => resolve());
      request.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="cut.png"\r\ncontent-type: image/png\r\n\r\n`);
      request.write(Buffer.alloc(300_000, 1), () => setTimeout(() => request.destroy(), 100));
    });
    // The half-written file is removed, no row is made, and the API carries on.
    await eventually("the partial upload to be removed", async () => (await listFiles(path.join(env.api.storageRoot, "uploads", dataset.id))).length === 0, 10_000);
    expect(await env.api.db.upload.count({ where: { datasetId: dataset.id } })).toBe(0);
    const after = await upload(env.api, env.adminToken, dataset.id, [{ name: "ok.png", data: await png(4, 4, "#ffffff") }]);
    expect(after.status).toBe(201);
  });
});

describe.concurrent("bad files at import: each fails with its own message, the good ones are imported", { timeout: 90_000 }, () => {
  it("imports the good files of a mixed batch and reports truncated, audio-only, garbage-video, bomb, unsafe-zip and corrupt-zip files", async () => {
    const dataset = await seedDataset(env.api.db);
    const jpeg = await noisyJpeg(200, 150);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    const audio = await readFile(await makeVideo(path.join(env.dir, "song.mp4"), ["-f", "lavfi", "-i", "sine=frequency=440:duration=2"], ["-c:a", "aac"]));
    const evil = makeZip([
      { name: "ok1.png", data: await png(10, 10, "#111111") },
      { name: "../evil.png", data: await png(10, 10, "#222222") },
      { name: "/abs.png", data: await png(10, 10, "#333333") },
      { name: "dir/ok2.png", data: await png(10, 10, "#444444") },
    ]);
    const corruptZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(2000)]);
    // Starts like an MP4 (so the upload takes it), then garbage.
    const garbage = Buffer.concat([video.subarray(0, 32), randomBytes(20_000)]);

    const uploaded = await upload(env.api, env.adminToken, dataset.id, [
      { name: "good.png", data: await png(12, 12, "#00aa00") },
      { name: "cut.jpg", data: truncated },
      { name: "song.mp4", data: audio },
      { name: "bomb.png", data: pngBomb(30_000, 30_000) },
      { name: "evil.zip", data: evil },
      { name: "broken.zip", data: corruptZip },
      { name: "clip.mp4", data: video },
      { name: "garbage.mp4", data: garbage },
    ]);
    expect(uploaded.errors).toEqual([]);
    expect(uploaded.uploads).toHaveLength(8);
    const created = await createImport(env.api, env.adminToken, { datasetId: dataset.id, title: "Mixed", uploadIds: uploaded.uploads.map((u) => u.id) });
    const jobId = created.data?.createImport.data?.id ?? "";
    const job = await waitForImport(env.api, env.adminToken, jobId);

    const items = Object.fromEntries(job.items.map((item) => [item.fileName, item]));
    expect(items["good.png"]).toMatchObject({ status: "SUCCEEDED", framesAdded: 1, error: null });
    expect(items["clip.mp4"]).toMatchObject({ status: "SUCCEEDED", framesAdded: 2, error: null });
    expect(items["cut.jpg"]).toMatchObject({ status: "FAILED", framesAdded: 0 });
    expect(items["cut.jpg"]?.error).toMatch(/^cut\.jpg: /);
    // Says it is damaged: "cannot be decoded (VipsJpeg: premature end of JPEG image)".
    expect(items["cut.jpg"]?.error).toMatch(/truncated|corrupt|premature end/i);
    expect(items["song.mp4"]).toMatchObject({ status: "FAILED", error: "song.mp4: no video stream (audio only?)" });
    expect(items["bomb.png"]).toMatchObject({ status: "FAILED" });
    expect(items["bomb.png"]?.error).toMatch(/^bomb\.png: 30000 × 30000 = 900 Mpx is over the limit/);
    expect(items["garbage.mp4"]).toMatchObject({ status: "FAILED" });
    expect(items["garbage.mp4"]?.error).toMatch(/^garbage\.mp4: not a readable video/);
    expect(items["broken.zip"]).toMatchObject({ status: "FAILED" });
    expect(items["broken.zip"]?.error).toMatch(/^broken\.zip: not a readable zip archive/);
    // A zip with unsafe names: its good entries are imported, the unsafe ones reported one by one.
    expect(items["evil.zip"]).toMatchObject({ status: "SUCCEEDED", framesAdded: 2, failed: 2 });
    expect(items["evil.zip"]?.error).toContain("../evil.png: unsafe name in archive: it contains a '..' segment; skipped");
    expect(items["evil.zip"]?.error).toContain("/abs.png: unsafe name in archive: it is an absolute path; skipped");

    // Messages name the files as uploaded, never the storage's names for them.
    const ids = uploaded.uploads.map((u) => u.id);
    for (const item of job.items) expect(ids.some((id) => item.error?.includes(id)), item.error ?? "").toBe(false);

    // The job succeeds: every file was handled; 5 files and 2 zip entries failed.
    expect(job).toMatchObject({ status: "SUCCEEDED", error: null, framesAdded: 5, failed: 7, progress: 1 });
    expect(job.done).toBe(job.total);
    const frames = await env.api.db.frame.findMany({ where: { datasetId: dataset.id }, orderBy: { sourceName: "asc" } });
    expect(frames.map((f) => f.sourceName)).toEqual(["clip.mp4", "clip.mp4", "evil.zip/dir/ok2.png", "evil.zip/ok1.png", "good.png"]);

    // The bomb was refused from its header, not decoded: the whole job was quick.
    const row = await env.api.db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect((row.finishedAt?.getTime() ?? Infinity) - (row.startedAt?.getTime() ?? 0)).toBeLessThan(10_000);

    // Nothing was written outside the storage root, nor anywhere but its frames/ and uploads/.
    for (const outside of [path.join(env.api.storageRoot, "..", "evil.png"), "/abs.png", path.join(process.cwd(), "evil.png")]) {
      expect(existsSync(outside), outside).toBe(false);
    }
    expect((await listFiles(env.api.storageRoot)).every((file) => /^(frames|uploads)\//.test(file))).toBe(true);
  });

  it("fails a second import of the same video, pointing at the first", async () => {
    const dataset = await seedDataset(env.api.db);
    const first = await (await importFiles(env, dataset.id, [{ name: "ep1.mp4", data: video }])).finished();
    expect(first).toMatchObject({ status: "SUCCEEDED", framesAdded: 2 });
    const second = await (await importFiles(env, dataset.id, [
      { name: "ep1-copy.mp4", data: video },
      { name: "other.png", data: await png(9, 9, "#999999") },
    ])).finished();
    expect(second).toMatchObject({ status: "SUCCEEDED", framesAdded: 1, failed: 1 });
    const copy = second.items.find((i) => i.fileName === "ep1-copy.mp4");
    expect(copy).toMatchObject({ status: "FAILED", framesAdded: 0 });
    expect(copy?.error).toMatch(/^ep1-copy\.mp4: this video is already in the dataset \(imported as ep1\.mp4 on \d{4}-\d\d-\d\d\); skipped\.$/);
    expect(await env.api.db.frame.count({ where: { datasetId: dataset.id } })).toBe(3);
    expect(await env.api.db.video.count({ where: { datasetId: dataset.id } })).toBe(1);
  });
});

describe("authorisation", { timeout: 90_000 }, () => {
  let datasetId: string;
  let frameId: string;
  let member: { token: string; user: { id: string } };
  let outsider: { token: string };
  let adminCookie: string;

  beforeAll(async () => {
    member = await tokenFor(env.api, "LABELER");
    outsider = await tokenFor(env.api, "LABELER");
    const dataset = await seedDataset(env.api.db, { members: [member.user] });
    datasetId = dataset.id;
    const job = await (await importFiles(env, datasetId, [{ name: "a.png", data: await png(20, 10, "#654321") }])).finished();
    expect(job.status).toBe("SUCCEEDED");
    frameId = (await env.api.db.frame.findFirstOrThrow({ where: { datasetId } })).id;
    adminCookie = `next-auth.session-token=${await encode({ token: { sub: env.adminId }, secret: TEST_SESSION_SECRET })}`;
  });

  const file = async () => [{ name: "x.png", data: await png(5, 5, "#ffffff") }];
  const codeOf = (body: unknown) => (body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;

  it("lets only admins upload, with the CSRF header when using the cookie, into datasets that exist", async () => {
    const labeler = await postUploads(env.api, { datasetId, files: await file(), headers: { authorization: `Bearer ${member.token}` } });
    expect([labeler.status, codeOf(labeler.body)]).toEqual([403, "FORBIDDEN"]);
    const anonymous = await postUploads(env.api, { datasetId, files: await file() });
    expect([anonymous.status, codeOf(anonymous.body)]).toEqual([401, "UNAUTHENTICATED"]);
    const noHeader = await postUploads(env.api, { datasetId, files: await file(), headers: { cookie: adminCookie } });
    expect([noHeader.status, codeOf(noHeader.body)]).toEqual([400, "BAD_USER_INPUT"]);
    expect(noHeader.body.errors?.[0]?.message).toContain("x-kao-upload");
    const withHeader = await postUploads(env.api, { datasetId, files: await file(), headers: { cookie: adminCookie, "x-kao-upload": "1" } });
    expect(withHeader.status).toBe(201);
    const unknown = await upload(env.api, env.adminToken, randomUUID(), await file());
    expect([unknown.status, codeOf(unknown.body)]).toEqual([404, "NOT_FOUND"]);
    const malformed = await upload(env.api, env.adminToken, "not-an-id", await file());
    expect([malformed.status, codeOf(malformed.body)]).toEqual([400, "BAD_USER_INPUT"]);
    // Refused requests stored nothing.
    expect(await env.api.db.upload.count({ where: { datasetId, jobId: null } })).toBe(1);
  });

  it("imports only this dataset's unclaimed uploads, and only for admins", async () => {
    const other = await seedDataset(env.api.db);
    const [mine, theirs] = await Promise.all([upload(env.api, env.adminToken, datasetId, await file()), upload(env.api, env.adminToken, other.id, await file())]);
    const mineId = mine.uploads[0]?.id ?? "";
    const theirsId = theirs.uploads[0]?.id ?? "";

    const foreign = await createImport(env.api, env.adminToken, { datasetId, title: "T", uploadIds: [mineId, theirsId] });
    expect(foreign.data?.createImport).toMatchObject({ __typename: "ValidationError", message: expect.stringMatching(/unknown or belong to another dataset/) });
    const labeler = await createImport(env.api, member.token, { datasetId, title: "T", uploadIds: [mineId] });
    expect(labeler.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Neither attempt claimed the upload: it can still be imported, once (listing it twice is fine).
    const ok = await createImport(env.api, env.adminToken, { datasetId, title: "T", uploadIds: [mineId, mineId] });
    expect(ok.data?.createImport.__typename).toBe("CreateImportSuccess");
    expect(ok.data?.createImport.data?.items).toHaveLength(1);
    const again = await createImport(env.api, env.adminToken, { datasetId, title: "T", uploadIds: [mineId] });
    expect(again.data?.createImport).toMatchObject({ __typename: "ValidationError", message: expect.stringMatching(/already imported/) });
    const jobs = await env.api.db.job.count({ where: { datasetId, kind: "IMPORT" } });
    expect(jobs).toBe(2); // the beforeAll import and `ok`
    await waitForImport(env.api, env.adminToken, ok.data?.createImport.data?.id ?? "");
  });

  it("lets concurrent imports name the same new title, which is created once", async () => {
    const uploads = await Promise.all([1, 2, 3, 4].map(async () => (await upload(env.api, env.adminToken, datasetId, await file())).uploads[0]?.id ?? ""));
    const title = `Concurrent ${randomUUID()}`;
    const answers = await Promise.all(uploads.map((id) => createImport(env.api, env.adminToken, { datasetId, title, uploadIds: [id] })));
    expect(answers.map((answer) => answer.errors ?? answer.data?.createImport.__typename)).toEqual(uploads.map(() => "CreateImportSuccess"));
    expect(await env.api.db.title.count({ where: { datasetId, name: title } })).toBe(1);
    for (const answer of answers) await waitForImport(env.api, env.adminToken, answer.data?.createImport.data?.id ?? "");
  });

  it("serves frame images to members and admins only", async () => {
    const get = (url: string, token?: string) => fetch(`${env.api.origin}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const asMember = await get(`/frames/${frameId}/thumb`, member.token);
    expect(asMember.status).toBe(200);
    expect(asMember.headers.get("content-type")).toBe("image/jpeg");
    expect((await get(`/frames/${frameId}/display`, env.adminToken)).status).toBe(200);

    const asOutsider = await get(`/frames/${frameId}/image`, outsider.token);
    expect([asOutsider.status, codeOf(await asOutsider.json())]).toEqual([404, "NOT_FOUND"]);
    const anonymous = await get(`/frames/${frameId}/image`);
    expect([anonymous.status, codeOf(await anonymous.json())]).toEqual([401, "UNAUTHENTICATED"]);
    const badVariant = await get(`/frames/${frameId}/original`, env.adminToken);
    expect([badVariant.status, codeOf(await badVariant.json())]).toEqual([404, "NOT_FOUND"]);
    const malformed = await get(`/frames/not-a-uuid/image`, env.adminToken);
    expect([malformed.status, codeOf(await malformed.json())]).toEqual([400, "BAD_USER_INPUT"]);
    const missing = await get(`/frames/${randomUUID()}/image`, env.adminToken);
    expect(missing.status).toBe(404);
    // Frames never change: browsers revalidate with the ETag and get a 304.
    const etag = asMember.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{64}-thumbnail"$/);
    const revalidated = await fetch(`${env.api.origin}/frames/${frameId}/thumb`, { headers: { authorization: `Bearer ${member.token}`, "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    const outsiderRevalidates = await fetch(`${env.api.origin}/frames/${frameId}/thumb`, { headers: { authorization: `Bearer ${outsider.token}`, "if-none-match": etag } });
    expect(outsiderRevalidates.status).toBe(404);
  });

  it("hides a dataset's frames and imports from non-members", async () => {
    const query = `query($datasetId: ID!) { frames(datasetId: $datasetId) { edges { node { id } } } }`;
    const asOutsider = await env.api.graphql(query, { variables: { datasetId }, token: outsider.token });
    expect(asOutsider.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const asMember = await env.api.graphql<{ frames: { edges: { node: { id: string } }[] } }>(query, { variables: { datasetId }, token: member.token });
    expect(asMember.data?.frames.edges.map((e) => e.node.id)).toContain(frameId);
    const asAnonymous = await env.api.graphql(query, { variables: { datasetId } });
    expect(asAnonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const frame = await env.api.graphql(`query($id: ID!) { frame(id: $id) { id } }`, { variables: { id: frameId }, token: outsider.token });
    expect(frame.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const job = await env.api.db.job.findFirstOrThrow({ where: { datasetId } });
    const importJob = `query($id: ID!) { importJob(id: $id) { id status } }`;
    expect((await env.api.graphql(importJob, { variables: { id: job.id }, token: outsider.token })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await getImport(env.api, member.token, job.id)).id).toBe(job.id);
    const cancel = await env.api.graphql(`mutation($id: ID!) { cancelImport(id: $id) { id } }`, { variables: { id: job.id }, token: member.token });
    expect(cancel.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
