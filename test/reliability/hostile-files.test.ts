import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset, seedFrame, seedTitle } from "@kao/db/seed";
import { eventually, listFiles } from "../support/import.ts";
import { HOSTILE_STRINGS } from "./support/hostile-arbitraries.ts";
import { expectHealthy, startHostileEnv, type HostileEnv } from "./support/hostile.ts";
import { fuzzOptions } from "./support/fuzz.ts";

let env: HostileEnv;
let parent: string;
let storageRoot: string;
let datasetId: string;
let frameId: string;
let png: Buffer;
beforeAll(async () => {
  // Storage inside a folder of its own, so that anything written beside it (outside storage) shows.
  parent = await mkdtemp(path.join(tmpdir(), "kao-hostile-files-"));
  storageRoot = path.join(parent, "files");
  await mkdir(storageRoot);
  env = await startHostileEnv({ storageRoot });
  const dataset = await seedDataset(env.api.db, { members: [{ id: env.admin.id }] });
  datasetId = dataset.id;
  frameId = (await seedFrame(env.api.db, { datasetId, titleId: (await seedTitle(env.api.db, { datasetId })).id })).id;
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c33" } }).png().toBuffer();
});
afterAll(async () => {
  await env?.close();
  await rm(parent, { recursive: true, force: true });
});

/** A multipart body written by hand: file names exactly as given (raw UTF-8 bytes, NUL, quotes, CR/LF and all). */
function multipart(files: { name: Buffer | string; data: Buffer }[], boundary = `kao${randomUUID()}`) {
  const parts = files.map((file) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
      Buffer.isBuffer(file.name) ? file.name : Buffer.from(file.name, "utf8"),
      Buffer.from(`"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file.data,
      Buffer.from("\r\n"),
    ]),
  );
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postMultipart(pathAndQuery: string, body: Buffer, contentType: string) {
  const response = await fetch(`${env.api.origin}${pathAndQuery}`, {
    method: "POST",
    headers: { authorization: `Bearer ${env.admin.token}`, "content-type": contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as UploadBody };
}

/** `/uploads` answers per-file errors (`fileName`, `code`); other failures are in GraphQL's shape (`extensions.code`). */
interface UploadBody {
  uploads?: { fileName: string }[];
  errors?: { message: string; fileName?: string; code?: string; extensions?: { code?: string } }[];
}

/** A GET whose path goes out byte for byte: fetch would resolve `..` segments before sending. */
function rawGet(rawPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const url = new URL(env.api.origin);
    const request = http.request({ host: url.hostname, port: url.port, path: rawPath, method: "GET", headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on("error", reject);
    request.end();
  });
}

const outsideStorage = async () => (await readdir(parent)).filter((name) => name !== "files");

describe("upload file names", () => {
  const nameArbitrary = fc.oneof(
    fc.string({ unit: "binary", maxLength: 60 }),
    fc.constantFrom(...HOSTILE_STRINGS.filter((name) => name.length < 5000), "..", ".", "/", "\\", "C:\\Windows\\system32\\evil.png", "/etc/passwd", "a/../../../../tmp/evil.png", "\r\nX-Evil: 1"),
    fc
      .tuple(fc.array(fc.constantFrom("..", ".", "%2e%2e", "etc", "x.png", "\u0000"), { minLength: 1, maxLength: 8 }), fc.constantFrom("/", "\\"))
      .map(([parts, separator]) => parts.join(separator)),
    fc.string({ minLength: 300, maxLength: 2000 }),
  );

  it("are stored safely: always under uploads/<dataset>/, never outside storage, the recorded name a clean base name", async () => {
    let expectedRows = await env.api.db.upload.count();
    await fc.assert(
      fc.asyncProperty(fc.array(nameArbitrary, { minLength: 1, maxLength: 3 }), async (names) => {
        // Quotes and control characters cannot stand in a quoted header value (busboy refuses the whole form
        // as "Malformed part header", a clear 400 that the garbage-body test below covers).
        // The extension makes the files images, so they are stored (only names like ".png", without one, are refused).
        const sent = names.map((name) => `${name.replace(/["\u0000-\u001f]/g, "_")}.png`);
        const { body, contentType } = multipart(sent.map((name) => ({ name, data: png })));
        const response = await postMultipart(`/uploads?datasetId=${datasetId}`, body, contentType);
        const uploads = response.body.uploads ?? [];
        const refused = response.body.errors ?? [];
        expect(response.status, JSON.stringify(response.body)).toBe(uploads.length ? 201 : 400);
        // Every file is stored or refused with a code of its own (a name like ".png" has no extension).
        expect(uploads.length + refused.length, JSON.stringify(response.body)).toBe(sent.length);
        expect(refused.every((error) => error.code === "UNSUPPORTED_TYPE" && error.message.startsWith(`${error.fileName}: `)), JSON.stringify(response.body)).toBe(true);
        for (const { fileName = "" } of [...uploads, ...refused]) {
          expect(fileName).not.toMatch(/[/\\\u0000-\u001f\u007f]/);
          expect(fileName).not.toMatch(/^\.{1,2}$/);
          expect(fileName.length).toBeGreaterThan(0);
          expect(fileName.length).toBeLessThanOrEqual(255);
        }
        expectedRows += uploads.length;
      }),
      fuzzOptions(40),
    );
    expect(await env.api.db.upload.count()).toBe(expectedRows);
    const stored = await listFiles(storageRoot);
    expect(stored).toHaveLength(expectedRows);
    expect(stored.every((file) => file.startsWith(`uploads/${datasetId}/`) && file.split("/").length === 3)).toBe(true);
    expect(await outsideStorage()).toEqual([]);
    await expectHealthy(env.api, env.admin.token);
  });

  it("keep non-ASCII names as the browser sent them (UTF-8), without the path", async () => {
    const names = ["進撃の巨人 第01話.png", "Ωmega — épisode 2.png", "😀 face.png"];
    const { body, contentType } = multipart(names.map((name) => ({ name: `folder/${name}`, data: png })));
    const response = await postMultipart(`/uploads?datasetId=${datasetId}`, body, contentType);
    expect(response.status).toBe(201);
    // Files are stored side by side, so they are listed in the order they finished.
    expect(response.body.uploads?.map((upload) => upload.fileName).sort()).toEqual([...names].sort());
  });

  it("garbage multipart bodies get a clear 4xx, never a 5xx, and store nothing", async () => {
    const before = await env.api.db.upload.count();
    const boundary = "kaofuzzboundary";
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
          fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n`), Buffer.from(bytes)])),
          fc.string().map((text) => Buffer.from(`--${boundary}\r\n${text}\r\n\r\n--${boundary}--\r\n`)),
        ),
        fc.constantFrom(`multipart/form-data; boundary=${boundary}`, "multipart/form-data", "multipart/form-data; boundary=", `multipart/form-data; boundary="${"b".repeat(200)}"`),
        async (body, contentType) => {
          const response = await postMultipart(`/uploads?datasetId=${datasetId}`, body, contentType);
          expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(400);
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
          const errors = response.body.errors ?? [];
          expect(errors.length).toBeGreaterThan(0);
          expect(errors.every((error) => typeof (error.extensions?.code ?? error.code) === "string")).toBe(true);
        },
      ),
      fuzzOptions(60),
    );
    expect(await env.api.db.upload.count()).toBe(before);
    // Refused files' temporary blobs may outlive the answer by a moment.
    await eventually("refused files' blobs to be removed", async () => (await listFiles(storageRoot)).length === before, 10_000);
    expect(await outsideStorage()).toEqual([]);
    await expectHealthy(env.api, env.admin.token);
  });

  it("a form cut off in the middle of a file is BAD_USER_INPUT, keeps nothing, and does not take the process down", async () => {
    const before = await listFiles(storageRoot);
    const boundary = "kaocutoff";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="model.json"\r\n\r\n`;
    // Both multipart endpoints that stream files to storage: images and videos, and Keras models.
    for (const target of [`/uploads?datasetId=${datasetId}`, "/backbones/keras"]) {
      for (const body of [head, `${head}abc`]) {
        const response = await postMultipart(target, Buffer.from(body), `multipart/form-data; boundary=${boundary}`);
        expect(response.status, target).toBe(400);
        expect(response.body.errors?.[0]).toEqual({ message: "The upload was cut off or malformed: Unexpected end of form", extensions: { code: "BAD_USER_INPUT" } });
      }
    }
    // The answer may come before the refused file's temporary blob is removed; it is removed soon after.
    await eventually("the cut-off files' blobs to be removed", async () => JSON.stringify(await listFiles(storageRoot)) === JSON.stringify(before), 10_000);
    await expectHealthy(env.api, env.admin.token);
  });

  it("a form without any file part says so", async () => {
    const boundary = "kaonofiles";
    const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`);
    const response = await postMultipart(`/uploads?datasetId=${datasetId}`, body, `multipart/form-data; boundary=${boundary}`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]).toEqual({ message: "The request has no files: send each as a `file` part.", extensions: { code: "BAD_USER_INPUT" } });
  });

  it("on the Keras model upload, `..` and `.` as file names are refused cleanly and leave nothing in storage", async () => {
    // One file per request: with two, the second's refusal may clean up while the first is still being written.
    for (const name of ["..", "."]) {
      const { body, contentType } = multipart([{ name, data: Buffer.from("{}") }]);
      const response = await postMultipart("/backbones/keras", body, contentType);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    expect((await listFiles(storageRoot)).filter((file) => !file.startsWith("uploads/"))).toEqual([]);
    expect(await outsideStorage()).toEqual([]);
    await expectHealthy(env.api, env.admin.token);
  });
});

describe("path traversal in file serving", () => {
  const probes = [
    "/frames/..%2f..%2f..%2fetc%2fpasswd/image",
    "/frames/%2e%2e%2f%2e%2e%2fetc%2fpasswd/image",
    "/frames/%2fetc%2fpasswd/image",
    "/frames/..%5c..%5cetc%5cpasswd/image",
    "/frames/%00/image",
    "/frames/FRAME/..%2f..%2f..%2fetc%2fpasswd",
    "/frames/FRAME/%2e%2e",
    "/exports/..%2f..%2f..%2fetc%2fpasswd",
    "/exports/%2e%2e%2f%2e%2e%2fetc%2fpasswd.csv",
    "/exports/%2fetc%2fpasswd.csv",
    "/exports/..%5c..%5cwin.ini.zip",
    "/exports/%00.csv",
  ];

  it.each(probes)("%s → a JSON 400 or 404 with a code, never a file", async (probe) => {
    const response = await rawGet(probe.replace("FRAME", frameId), { authorization: `Bearer ${env.admin.token}` });
    expect([400, 404]).toContain(response.status);
    expect(response.text).not.toMatch(/root:|\[fonts\]/);
    const body = JSON.parse(response.text) as { errors: { extensions: { code: string } }[] };
    expect(["BAD_USER_INPUT", "NOT_FOUND"]).toContain(body.errors[0]?.extensions.code);
  });

  it("raw `..` segments in the path do not escape the routes either", async () => {
    for (const probe of ["/frames/../../../../etc/passwd", "/frames/x/../../../etc/passwd", "/exports/../../../etc/passwd", "/../../../../etc/passwd"]) {
      const response = await rawGet(probe, { authorization: `Bearer ${env.admin.token}` });
      expect(response.status, probe).toBe(404);
      expect(response.text).not.toMatch(/root:/);
    }
    await expectHealthy(env.api, env.admin.token);
  });

  it("a traversal in ?datasetId of /uploads is BAD_USER_INPUT and stores nothing", async () => {
    const before = await listFiles(storageRoot);
    const { body, contentType } = multipart([{ name: "a.png", data: png }]);
    const response = await postMultipart(`/uploads?datasetId=${encodeURIComponent("../../../tmp")}`, body, contentType);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await listFiles(storageRoot)).toEqual(before);
  });
});
