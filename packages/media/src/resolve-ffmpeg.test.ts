import { spawnSync } from "node:child_process";
import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaError } from "./media-error.ts";
import { resolveFfmpeg } from "./resolve-ffmpeg.ts";
import { makeTempDir } from "./test-fixtures.ts";

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.remove());

describe("resolveFfmpeg", () => {
  it("finds the static binaries shipped in the npm packages, and they run", () => {
    const { ffmpeg, ffprobe } = resolveFfmpeg();
    expect(ffmpeg).toMatch(/@ffmpeg-installer[/\\][^/\\]+[/\\]ffmpeg(\.exe)?$/);
    expect(ffprobe).toMatch(/@ffprobe-installer[/\\][^/\\]+[/\\]ffprobe(\.exe)?$/);
    expect(spawnSync(ffmpeg, ["-hide_banner", "-version"], { encoding: "utf8" }).stdout).toMatch(/^ffmpeg version/);
    expect(spawnSync(ffprobe, ["-hide_banner", "-version"], { encoding: "utf8" }).stdout).toMatch(/^ffprobe version/);
  });

  it("uses an override, with ffprobe from beside it when there is one", async () => {
    const npm = resolveFfmpeg();
    const dir = path.join(temp.dir, "bin");
    await mkdir(dir);
    await symlink(npm.ffmpeg, path.join(dir, "ffmpeg"));
    expect(resolveFfmpeg(path.join(dir, "ffmpeg"))).toEqual({ ffmpeg: path.join(dir, "ffmpeg"), ffprobe: npm.ffprobe });
    await symlink(npm.ffprobe, path.join(dir, "ffprobe"));
    expect(resolveFfmpeg(path.join(dir, "ffmpeg"))).toEqual({ ffmpeg: path.join(dir, "ffmpeg"), ffprobe: path.join(dir, "ffprobe") });
  });

  it("fails clearly when the override is missing, not executable or not ffmpeg", async () => {
    const missing = path.join(temp.dir, "nope", "ffmpeg");
    expect(() => resolveFfmpeg(missing)).toThrow(new RegExp(`ffmpeg not found at ${missing} \\(from the override \\(KAO_FFMPEG=`));
    const notExecutable = path.join(temp.dir, "plain-file");
    await writeFile(notExecutable, "#!/bin/sh\necho hi\n");
    expect(() => resolveFfmpeg(notExecutable)).toThrow(/is not executable/);
    const impostor = path.join(temp.dir, "impostor");
    await writeFile(impostor, "#!/bin/sh\necho 'I am not ffmpeg'\n");
    await chmod(impostor, 0o755);
    expect(() => resolveFfmpeg(impostor)).toThrow(/is not a working ffmpeg/);
    try {
      resolveFfmpeg(impostor);
    } catch (error) {
      expect(error).toBeInstanceOf(MediaError);
      expect((error as MediaError).code).toBe("FFMPEG_FAILED");
    }
  });
});
