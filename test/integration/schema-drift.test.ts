import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@kao/db/migrate";
import { createFreshDatabase, type FreshDatabase } from "./support/fresh-database.ts";
import {
  diffSchemas,
  expectedDatabaseSchema,
  loadDatamodel,
  readDatabaseSchema,
  type DatabaseSchema,
  type Datamodel,
} from "./support/schema-diff.ts";

const SCHEMA_FILE = new URL("../../prisma/schema.prisma", import.meta.url);

let datamodel: Datamodel;
let database: DatabaseSchema;
// A database of its own, so nothing other test files do to the shared one can show up as drift.
let fresh: FreshDatabase;

beforeAll(async () => {
  fresh = await createFreshDatabase("kao_drift");
  const [model] = await Promise.all([loadDatamodel(await readFile(SCHEMA_FILE, "utf8")), migrate({ connectionString: fresh.connectionString })]);
  datamodel = model;
  database = await withClient((client) => readDatabaseSchema(client));
});
afterAll(() => fresh.drop());

async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: fresh.connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

describe("the migrated database", () => {
  it("is exactly what prisma/schema.prisma describes", () => {
    expect(diffSchemas(expectedDatabaseSchema(datamodel), database)).toEqual([]);
  });

  it("was read in full (the comparison is not vacuous)", () => {
    expect(database.tables.size).toBe(datamodel.models.length);
    expect(database.tables.get("User")?.get("role")).toEqual({ type: '"Role"', nullable: false, default: `'LABELER'::"Role"` });
    expect(database.tables.get("Annotation")?.get("rules")).toEqual({ type: "text[]", nullable: true, default: "ARRAY[]::text[]" });
    expect(database.enums.get("Split")).toEqual(["UNASSIGNED", "TRAIN", "VAL", "TEST", "DISTINCT"]);
    expect(database.indexes).toContainEqual({ table: "SplitAssignment", name: "SplitAssignment_pkey", columns: ["splitVersionId", "frameId"], unique: true, primary: true, predicate: null });
    expect(database.foreignKeys).toContainEqual(expect.objectContaining({ name: "Video_titleId_fkey", onDelete: "Restrict" }));
  });
});

// The comparison itself, fed a deliberately altered schema: each change must be reported.
describe("diffSchemas", () => {
  const diffWith = (alter: (model: Datamodel) => Datamodel) => diffSchemas(expectedDatabaseSchema(alter(datamodel)), database);

  const withField = (model: string, field: string, change: Record<string, unknown>) => (dm: Datamodel): Datamodel => ({
    ...dm,
    models: dm.models.map((m) => (m.name !== model ? m : { ...m, fields: m.fields.map((f) => (f.name === field ? { ...f, ...change } : f)) })),
  });

  it("reports a field made nullable", () => {
    expect(diffWith(withField("User", "email", { isRequired: false }))).toEqual([
      "column User.email: nullable in the schema, NOT NULL in the database",
    ]);
  });

  it("reports a changed type and a changed native type", () => {
    expect(diffWith(withField("Dataset", "overlap", { type: "BigInt" }))).toEqual([
      "column Dataset.overlap: type bigint in the schema, integer in the database",
    ]);
    expect(diffWith(withField("ApiToken", "userId", { nativeType: null }))).toContain(
      "column ApiToken.userId: type text in the schema, uuid in the database",
    );
  });

  it("reports a list field that is not a list", () => {
    expect(diffWith(withField("Backbone", "mean", { isList: false, isRequired: true, default: 0 }))).toEqual([
      "column Backbone.mean: type double precision in the schema, double precision[] in the database",
      "column Backbone.mean: NOT NULL in the schema, nullable in the database",
      "column Backbone.mean: default 0 in the schema, ARRAY[]::double precision[] in the database",
    ]);
  });

  it("reports a dropped default and an added one", () => {
    expect(diffWith(withField("Dataset", "description", { hasDefaultValue: false, default: undefined }))).toEqual([
      "column Dataset.description: default none in the schema, ''::text in the database",
    ]);
    expect(diffWith(withField("Dataset", "guidelines", { hasDefaultValue: true, default: "rules" }))).toEqual([
      "column Dataset.guidelines: default 'rules'::text in the schema, none in the database",
    ]);
  });

  it("reports a dropped index as one the database has and the schema does not", () => {
    const withoutIndex = (dm: Datamodel): Datamodel => ({
      ...dm,
      indexes: dm.indexes.filter((i) => !(i.model === "ApiToken" && i.type === "normal")),
    });
    expect(diffWith(withoutIndex)).toEqual(["index ApiToken_userId_idx on ApiToken(userId): in the database, not in the schema"]);
  });

  it("reports an index that is unique in the schema but not in the database", () => {
    const uniqueIndex = (dm: Datamodel): Datamodel => ({
      ...dm,
      indexes: dm.indexes.map((i) => (i.model === "Frame" && i.fields[0]?.name === "sceneId" ? { ...i, type: "unique" as const } : i)),
    });
    expect(diffWith(uniqueIndex)).toEqual([
      "index Frame_sceneId_key on Frame(sceneId) unique: in the schema, missing from the database",
      "index Frame_sceneId_idx on Frame(sceneId): in the database, not in the schema",
    ]);
  });

  it("reports a changed onDelete", () => {
    expect(diffWith(withField("ApiToken", "user", { relationOnDelete: "Restrict" }))).toEqual([
      "foreign key ApiToken(userId) → User(id): onDelete Restrict in the schema, Cascade in the database",
    ]);
  });

  it("reports a missing enum value and a missing table", () => {
    const alter = (dm: Datamodel): Datamodel => ({
      ...dm,
      enums: dm.enums.map((e) => (e.name === "Role" ? { ...e, values: e.values.filter((v) => v.name !== "VIEWER") } : e)),
      models: dm.models.filter((m) => m.name !== "LoginAttempt"),
      indexes: dm.indexes.filter((i) => i.model !== "LoginAttempt"),
    });
    expect(diffWith(alter)).toEqual([
      "table LoginAttempt: in the database, not in the schema",
      "enum Role: values ADMIN, REVIEWER, LABELER in the schema, ADMIN, REVIEWER, LABELER, VIEWER in the database",
      "index LoginAttempt_pkey on LoginAttempt(id) primary key: in the database, not in the schema",
      "index LoginAttempt_email_createdAt_idx on LoginAttempt(email, createdAt): in the database, not in the schema",
      "index LoginAttempt_ip_createdAt_idx on LoginAttempt(ip, createdAt): in the database, not in the schema",
    ]);
  });
});

describe("a database changed by hand", () => {
  it("shows every hand-made change as drift", async () => {
    // Changed inside a transaction that is rolled back, so the other tests see the migrated database.
    const drift = await withClient(async (client) => {
      await client.query("BEGIN");
      try {
        await client.query(`
          ALTER TABLE "User" ADD COLUMN "nickname" TEXT;
          ALTER TABLE "Dataset" ALTER COLUMN "guidelines" DROP NOT NULL;
          DROP INDEX "Frame_sceneId_idx";
          CREATE TABLE "Scratch" (id int);
          ALTER TYPE "Label" ADD VALUE 'MAYBE';`);
        return diffSchemas(expectedDatabaseSchema(datamodel), await readDatabaseSchema(client));
      } finally {
        await client.query("ROLLBACK");
      }
    });

    expect(drift.sort()).toEqual(
      [
        "column Dataset.guidelines: NOT NULL in the schema, nullable in the database",
        "column User.nickname: in the database, not in the schema",
        "table Scratch: in the database, not in the schema",
        "enum Label: values FACE, NO_FACE, UNSURE in the schema, FACE, NO_FACE, UNSURE, MAYBE in the database",
        "index Frame_sceneId_idx on Frame(sceneId): in the schema, missing from the database",
      ].sort(),
    );
    expect(diffSchemas(expectedDatabaseSchema(datamodel), await withClient((client) => readDatabaseSchema(client)))).toEqual([]);
  });
});
