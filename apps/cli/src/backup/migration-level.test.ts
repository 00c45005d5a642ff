import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertArchiveLevelKnown, assertTargetNotAhead } from "./migration-level.ts";

let dir: string;
const sql = { "20260101000000_first": "CREATE TABLE a (id int);", "20260102000000_second": "CREATE TABLE b (id int);" };
const sum = (text: string) => createHash("sha256").update(text).digest("hex");
const first = { name: "20260101000000_first", checksum: sum(sql["20260101000000_first"]) };
const second = { name: "20260102000000_second", checksum: sum(sql["20260102000000_second"]) };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kao-migrations-"));
  for (const [name, text] of Object.entries(sql)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), text);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the archive's migration level", () => {
  it("accepts this checkout's first migrations, all or some", async () => {
    await expect(assertArchiveLevelKnown([first, second], dir)).resolves.toBeUndefined();
    await expect(assertArchiveLevelKnown([first], dir)).resolves.toBeUndefined();
  });

  it("refuses an archive from a newer kao, an edited migration and a gap", async () => {
    await expect(assertArchiveLevelKnown([first, second, { name: "20270101000000_future", checksum: sum("x") }], dir)).rejects.toThrow(
      /made by a newer kao: its migration 20270101000000_future is not in this checkout/,
    );
    await expect(assertArchiveLevelKnown([{ ...first, checksum: sum("edited") }], dir)).rejects.toThrow(/differs between the backup and this checkout/);
    await expect(assertArchiveLevelKnown([second], dir)).rejects.toThrow(/skips 20260101000000_first/);
  });

  it("lets the target be empty or behind the archive, never ahead", () => {
    expect(() => assertTargetNotAhead([], [first, second])).not.toThrow();
    expect(() => assertTargetNotAhead([first], [first, second])).not.toThrow();
    expect(() => assertTargetNotAhead([first, second], [first])).toThrow(/has migration 20260102000000_second, which the backup .* does not/);
  });
});
