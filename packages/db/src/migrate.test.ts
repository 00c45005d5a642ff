import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MigrationError, defaultMigrationsDir, readMigrations } from "./migrate.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(migrations: Record<string, string | null>, files: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), "kao-read-migrations-"));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    if (sql !== null) await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe("readMigrations", () => {
  it("reads folders in name order with the sha256 of each migration.sql, ignoring loose files", async () => {
    const dir = await folder({ "20260102_b": "SELECT 2;", "20260101_a": "SELECT 1;" }, { "migration_lock.toml": 'provider = "postgresql"' });
    expect(await readMigrations(dir)).toEqual([
      { name: "20260101_a", sql: "SELECT 1;", checksum: createHash("sha256").update("SELECT 1;").digest("hex") },
      { name: "20260102_b", sql: "SELECT 2;", checksum: createHash("sha256").update("SELECT 2;").digest("hex") },
    ]);
  });

  it("names a folder without migration.sql", async () => {
    const dir = await folder({ "001_ok": "SELECT 1;", "002_empty": null });
    const error = await readMigrations(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ migration: "002_empty", message: "migration folder 002_empty has no migration.sql" });
  });

  it("finds the repository's migrations by default, checksummed over the exact bytes", async () => {
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    const first = migrations[0];
    const bytes = await readFile(path.join(defaultMigrationsDir, first?.name ?? "", "migration.sql"));
    expect(first?.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});
