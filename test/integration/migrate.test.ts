import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { MigrationError, defaultMigrationsDir, migrate, readMigrations } from "@kao/db/migrate";
import { createFreshDatabase, type FreshDatabase } from "./support/fresh-database.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// The advisory lock key `prisma migrate` takes; see the schema engine's postgres connector.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function freshDatabase(): Promise<FreshDatabase> {
  const database = await createFreshDatabase("kao_migrate");
  cleanups.push(database.drop);
  return database;
}

/** A migrations folder of our own: `{ "001_a": "CREATE TABLE …" }`. */
async function migrationsDir(migrations: Record<string, string | null>) {
  const dir = await mkdtemp(path.join(tmpdir(), "kao-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await writeMigrations(dir, migrations);
  return dir;
}

async function writeMigrations(dir: string, migrations: Record<string, string | null>) {
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name), { recursive: true });
    if (sql !== null) await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
}

async function query<T extends pg.QueryResultRow>(connectionString: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

interface BookkeepingRow {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
  rolled_back_at: Date | null;
}

const bookkeeping = (connectionString: string) =>
  query<BookkeepingRow>(connectionString, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name, started_at`);

async function tables(connectionString: string) {
  const rows = await query<{ table_name: string }>(
    connectionString,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

afterAll(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe("migrate on an empty database", () => {
  it("applies every migration and records each one as `prisma migrate deploy` does", async () => {
    const db = await freshDatabase();
    const folder = await readMigrations();
    expect(folder.length).toBeGreaterThan(0);

    const result = await migrate({ connectionString: db.connectionString });

    expect(result).toEqual({ applied: folder.map((m) => m.name), alreadyApplied: [] });
    const rows = await bookkeeping(db.connectionString);
    expect(rows.map((row) => row.migration_name)).toEqual(folder.map((m) => m.name));
    for (const row of rows) {
      const sql = await readFile(path.join(defaultMigrationsDir, row.migration_name, "migration.sql"), "utf8");
      expect(row.id).toMatch(UUID);
      expect(row.checksum).toBe(sha256(sql));
      expect(row.started_at).toBeInstanceOf(Date);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
    expect(await tables(db.connectionString)).toEqual(expect.arrayContaining(["User", "Dataset", "_prisma_migrations"]));
  });

  it("creates _prisma_migrations with Prisma's column types, so `prisma migrate` can take over", async () => {
    const db = await freshDatabase();
    await migrate({ connectionString: db.connectionString, migrationsDir: await migrationsDir({ "001_a": "CREATE TABLE a (id int);" }) });
    const columns = await query<{ column_name: string; type: string; nullable: boolean }>(
      db.connectionString,
      `SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
         FROM pg_attribute a WHERE a.attrelid = '"_prisma_migrations"'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    );
    expect(Object.fromEntries(columns.map((c) => [c.column_name, `${c.type}${c.nullable ? " null" : ""}`]))).toEqual({
      id: "character varying(36)",
      checksum: "character varying(64)",
      finished_at: "timestamp with time zone null",
      migration_name: "character varying(255)",
      logs: "text null",
      rolled_back_at: "timestamp with time zone null",
      started_at: "timestamp with time zone",
      applied_steps_count: "integer",
    });
  });

  it("records when a migration finished, not only when it started", async () => {
    const db = await freshDatabase();
    const dir = await migrationsDir({ "001_slow": "SELECT pg_sleep(0.3); CREATE TABLE slow (id int);" });
    await migrate({ connectionString: db.connectionString, migrationsDir: dir });
    const [row] = await bookkeeping(db.connectionString);
    expect((row?.finished_at?.getTime() ?? 0) - (row?.started_at.getTime() ?? 0)).toBeGreaterThanOrEqual(250);
  });

  it("applies nothing the second time", async () => {
    const db = await freshDatabase();
    const names = (await readMigrations()).map((m) => m.name);
    await migrate({ connectionString: db.connectionString });
    const before = await bookkeeping(db.connectionString);

    const again = await migrate({ connectionString: db.connectionString });

    expect(again).toEqual({ applied: [], alreadyApplied: names });
    expect(await bookkeeping(db.connectionString)).toEqual(before);
  });

  it("applies only the migrations added since the last run, in name order", async () => {
    const db = await freshDatabase();
    const dir = await migrationsDir({ "002_b": "CREATE TABLE b (id int);" });
    await migrate({ connectionString: db.connectionString, migrationsDir: dir });
    await writeMigrations(dir, { "003_d": "CREATE TABLE d (id int REFERENCES c (id));", "003_c": "CREATE TABLE c (id int PRIMARY KEY);" });

    const result = await migrate({ connectionString: db.connectionString, migrationsDir: dir });

    expect(result).toEqual({ applied: ["003_c", "003_d"], alreadyApplied: ["002_b"] });
  });
});

describe("migrate refuses a database it cannot trust", () => {
  it("names a migration that was edited after it was applied, and applies nothing", async () => {
    const db = await freshDatabase();
    const dir = await migrationsDir({ "001_a": "CREATE TABLE a (id int);" });
    await migrate({ connectionString: db.connectionString, migrationsDir: dir });
    await writeMigrations(dir, { "001_a": "CREATE TABLE a (id bigint);", "002_b": "CREATE TABLE b (id int);" });

    const error = await migrate({ connectionString: db.connectionString, migrationsDir: dir }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ migration: "001_a", message: expect.stringContaining("001_a") });
    expect((error as Error).message).toMatch(/checksum/);
    expect(await tables(db.connectionString)).not.toContain("b");
  });

  it("rolls a failing migration back completely and stops before the later ones", async () => {
    const db = await freshDatabase();
    const dir = await migrationsDir({
      "001_ok": "CREATE TABLE ok (id int);",
      "002_bad": "CREATE TABLE half (id int); INSERT INTO ok VALUES (1); SELECT no_such_function();",
      "003_later": "CREATE TABLE later (id int);",
    });

    const error = await migrate({ connectionString: db.connectionString, migrationsDir: dir }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ migration: "002_bad", message: expect.stringMatching(/002_bad.*no_such_function/s) });
    expect(await tables(db.connectionString)).toEqual(["_prisma_migrations", "ok"]);
    expect(await query(db.connectionString, "SELECT * FROM ok")).toEqual([]);
    expect((await bookkeeping(db.connectionString)).map((row) => row.migration_name)).toEqual(["001_ok"]);

    // Once fixed, the same folder goes through.
    await writeMigrations(dir, { "002_bad": "CREATE TABLE half (id int);" });
    const result = await migrate({ connectionString: db.connectionString, migrationsDir: dir });
    expect(result).toEqual({ applied: ["002_bad", "003_later"], alreadyApplied: ["001_ok"] });
  });

  it("refuses a database that has a migration the folder does not know", async () => {
    const db = await freshDatabase();
    await migrate({
      connectionString: db.connectionString,
      migrationsDir: await migrationsDir({ "001_a": "CREATE TABLE a (id int);", "002_newer": "CREATE TABLE newer (id int);" }),
    });
    const older = await migrationsDir({ "001_a": "CREATE TABLE a (id int);", "003_c": "CREATE TABLE c (id int);" });

    const error = await migrate({ connectionString: db.connectionString, migrationsDir: older }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ migration: "002_newer", message: expect.stringContaining("002_newer") });
    expect(await tables(db.connectionString)).not.toContain("c");
  });

  it("refuses to go on after a migration prisma left unfinished", async () => {
    const db = await freshDatabase();
    const dir = await migrationsDir({ "001_a": "CREATE TABLE a (id int);", "002_b": "CREATE TABLE b (id int);" });
    await migrate({ connectionString: db.connectionString, migrationsDir: await migrationsDir({ "001_a": "CREATE TABLE a (id int);" }) });
    // What `prisma migrate deploy` leaves when 002_b fails halfway: a row with no finished_at.
    await query(
      db.connectionString,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, $1, '002_b', 'ERROR: boom', now(), 0)`,
      [sha256("CREATE TABLE b (id int);")],
    );

    const error = await migrate({ connectionString: db.connectionString, migrationsDir: dir }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ migration: "002_b", message: expect.stringContaining("002_b") });
    expect(await tables(db.connectionString)).not.toContain("b");
  });

  it("applies again a migration that `prisma migrate resolve --rolled-back` marked as rolled back", async () => {
    const db = await freshDatabase();
    const dir = await migrationsDir({ "001_a": "CREATE TABLE a (id int);" });
    await query(
      db.connectionString,
      `CREATE TABLE "_prisma_migrations" (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
         migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
         applied_steps_count INTEGER NOT NULL DEFAULT 0);
       INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, rolled_back_at)
       VALUES (gen_random_uuid()::text, 'old', '001_a', 'ERROR: boom', now())`,
    );

    const result = await migrate({ connectionString: db.connectionString, migrationsDir: dir });

    expect(result.applied).toEqual(["001_a"]);
    const rows = await bookkeeping(db.connectionString);
    expect(rows.filter((row) => row.finished_at !== null).map((row) => row.migration_name)).toEqual(["001_a"]);
  });

  it("names a migration folder without migration.sql before touching the database", async () => {
    const db = await freshDatabase();
    const dir = await migrationsDir({ "001_a": "CREATE TABLE a (id int);", "002_empty": null });

    const error = await migrate({ connectionString: db.connectionString, migrationsDir: dir }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ migration: "002_empty", message: expect.stringMatching(/002_empty.*migration\.sql/) });
    expect(await tables(db.connectionString)).toEqual([]);
  });
});

describe("migrate under concurrency", () => {
  it("lets two runners on the same fresh database both succeed, applying each migration once", async () => {
    const db = await freshDatabase();
    const names = (await readMigrations()).map((m) => m.name);

    const [first, second] = await Promise.all([
      migrate({ connectionString: db.connectionString }),
      migrate({ connectionString: db.connectionString }),
    ]);

    expect([...first.applied, ...second.applied].sort()).toEqual(names);
    expect([...first.alreadyApplied, ...second.alreadyApplied].sort()).toEqual(names);
    const rows = await bookkeeping(db.connectionString);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
  });

  it("waits while `prisma migrate` holds its advisory lock", async () => {
    const db = await freshDatabase();
    const dir = await migrationsDir({ "001_a": "CREATE TABLE a (id int);" });
    const prisma = new pg.Client({ connectionString: db.connectionString });
    await prisma.connect();
    try {
      await prisma.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
      let finished = false;
      const running = migrate({ connectionString: db.connectionString, migrationsDir: dir }).then((result) => {
        finished = true;
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(finished).toBe(false);
      expect(await tables(db.connectionString)).toEqual([]);

      await prisma.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
      expect((await running).applied).toEqual(["001_a"]);
    } finally {
      await prisma.end();
    }
  });
});
