import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadModel, ModelDownloadError } from "./download-model.ts";

// A real HTTP server on loopback stands in for the model zoo.
const body = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251));
const sha256 = createHash("sha256").update(body).digest("hex");
let server: Server;
let base: string;
let requests = 0;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "kao-models-"));
  server = createServer((request, response) => {
    requests++;
    if (request.url === "/model.onnx") {
      response.writeHead(200, { "content-length": body.length });
      response.end(body);
    } else if (request.url === "/truncated.onnx") {
      response.writeHead(200, { "content-length": body.length });
      // The connection drops after 1000 bytes, as a flaky network does.
      response.write(body.subarray(0, 1000), () => response.destroy());
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(cacheDir, { recursive: true, force: true });
});

describe("downloadModel", () => {
  it("downloads with progress, checks the checksum, and then serves from the cache", async () => {
    const progress: number[] = [];
    const first = await downloadModel({ url: `${base}/model.onnx`, sha256, fileName: "m.onnx", cacheDir, onProgress: (p) => progress.push(p.bytes) });
    expect(first.downloaded).toBe(true);
    expect(await readFile(first.path)).toEqual(body);
    expect(progress.at(-1)).toBe(body.length);
    expect(progress.length).toBeGreaterThan(1);

    const before = requests;
    const second = await downloadModel({ url: `${base}/model.onnx`, sha256, fileName: "m.onnx", cacheDir });
    expect(second).toEqual({ path: first.path, downloaded: false });
    expect(requests).toBe(before);
  });

  it("refuses a file whose checksum differs and keeps nothing", async () => {
    const wrong = "0".repeat(64);
    await expect(downloadModel({ url: `${base}/model.onnx`, sha256: wrong, fileName: "bad.onnx", cacheDir })).rejects.toThrow(/sha256 .* expected 0{64}/);
    expect((await readdir(cacheDir)).filter((name) => name.startsWith("bad"))).toEqual([]);
  });

  it("re-downloads over a cached file that was corrupted", async () => {
    const target = path.join(cacheDir, "m2.onnx");
    await writeFile(target, "not the model");
    const result = await downloadModel({ url: `${base}/model.onnx`, sha256, fileName: "m2.onnx", cacheDir });
    expect(result.downloaded).toBe(true);
    expect((await stat(target)).size).toBe(body.length);
  });

  it("says clearly when the server is unreachable (offline)", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await downloadModel({ url: `http://127.0.0.1:${port}/m.onnx`, sha256, fileName: "off.onnx", cacheDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelDownloadError);
    expect(String(error)).toMatch(/may be offline: copy the file to .*off\.onnx/);
  });

  it("reports HTTP errors and short bodies", async () => {
    await expect(downloadModel({ url: `${base}/missing.onnx`, sha256, fileName: "x.onnx", cacheDir })).rejects.toThrow(/HTTP 404/);
    await expect(downloadModel({ url: `${base}/truncated.onnx`, sha256, fileName: "t.onnx", cacheDir })).rejects.toThrow(ModelDownloadError);
    expect((await readdir(cacheDir)).filter((name) => name.includes("partial"))).toEqual([]);
  });
});
