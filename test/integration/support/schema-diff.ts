import { createRequire } from "node:module";
import type pg from "pg";

/**
 * Compares the Prisma schema (its DMMF) with what the migrations actually built in Postgres, the way
 * `prisma migrate diff` would if its schema engine could be downloaded here: tables, columns (type,
 * nullability, default), enums, indexes and foreign keys, in both directions.
 */

// @prisma/internals is CommonJS whose named exports Node's ESM loader cannot detect.
const require = createRequire(import.meta.url);
const { getDMMF } = require("@prisma/internals") as typeof import("@prisma/internals");

export type Datamodel = Awaited<ReturnType<typeof getDMMF>>["datamodel"];
type Model = Datamodel["models"][number];
type Field = Model["fields"][number];

export async function loadDatamodel(schema: string): Promise<Datamodel> {
  return (await getDMMF({ datamodel: schema })).datamodel;
}

export interface Column {
  /** As Postgres's `format_type` spells it, e.g. `timestamp(3) without time zone`, `"Role"`, `text[]`. */
  type: string;
  nullable: boolean;
  /** The default expression as `pg_get_expr` prints it; null when there is none. */
  default: string | null;
}

export interface Index {
  table: string;
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
  /** A partial index's WHERE clause as `pg_get_expr` prints it; null for a whole-table index. */
  predicate: string | null;
}

/**
 * Indexes the migrations write by hand because Prisma's schema language cannot express them (partial
 * indexes); prisma/schema.prisma mentions each beside its model.
 */
export const HAND_WRITTEN_INDEXES: Index[] = [
  {
    table: "TrainingRun",
    name: "TrainingRun_published_datasetId_key",
    columns: ["datasetId"],
    unique: true,
    primary: false,
    predicate: '("publishedAt" IS NOT NULL)',
  },
];

export interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

type ReferentialAction = "Cascade" | "Restrict" | "NoAction" | "SetNull" | "SetDefault";

export interface DatabaseSchema {
  /** table → column → definition */
  tables: Map<string, Map<string, Column>>;
  /** enum type → values in order */
  enums: Map<string, string[]>;
  indexes: Index[];
  foreignKeys: ForeignKey[];
}

/** Tables that belong to tooling, not to the data model. */
const TOOLING_TABLES = new Set(["_prisma_migrations"]);

const ACTION_CODES: Record<string, ReferentialAction> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

export async function readDatabaseSchema(client: pg.Client, schema = "public"): Promise<DatabaseSchema> {
  const columns = await client.query<{ table: string; column: string; type: string; not_null: boolean; default: string | null }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm')
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 GROUP BY t.typname`,
    [schema],
  );
  const indexes = await client.query<Index>(
    `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
            array(SELECT coalesce(a.attname::text, '<expression>') FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1`,
    [schema],
  );
  const foreignKeys = await client.query<{
    table: string;
    name: string;
    columns: string[];
    references: string;
    referenced_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT t.relname AS table, c.conname AS name, r.relname AS references,
            c.confdeltype AS on_delete, c.confupdtype AS on_update,
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS referenced_columns
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = $1`,
    [schema],
  );

  const tables = new Map<string, Map<string, Column>>();
  for (const row of columns.rows) {
    if (TOOLING_TABLES.has(row.table)) continue;
    const table = tables.get(row.table) ?? new Map<string, Column>();
    table.set(row.column, { type: row.type, nullable: !row.not_null, default: row.default });
    tables.set(row.table, table);
  }
  return {
    tables,
    enums: new Map(enums.rows.map((row) => [row.name, row.values])),
    indexes: indexes.rows.filter((row) => !TOOLING_TABLES.has(row.table)),
    foreignKeys: foreignKeys.rows.map((row) => ({
      table: row.table,
      name: row.name,
      columns: row.columns,
      references: row.references,
      referencedColumns: row.referenced_columns,
      onDelete: action(row.on_delete),
      onUpdate: action(row.on_update),
    })),
  };
}

function action(code: string): ReferentialAction {
  const value = ACTION_CODES[code];
  if (!value) throw new Error(`unknown referential action code ${code}`);
  return value;
}

/** The database that the datamodel describes, in the same shape as readDatabaseSchema's. */
export function expectedDatabaseSchema(datamodel: Datamodel): DatabaseSchema {
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const enumNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableOf = (model: Model) => model.dbName ?? model.name;
  const columnOf = (model: Model, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`${model.name} has no field ${fieldName}`);
    return field.dbName ?? field.name;
  };

  const tables = new Map<string, Map<string, Column>>();
  const foreignKeys: ForeignKey[] = [];
  for (const model of datamodel.models) {
    const table = tableOf(model);
    const columns = new Map<string, Column>();
    for (const field of model.fields) {
      if (field.kind === "scalar" || field.kind === "enum") {
        columns.set(field.dbName ?? field.name, {
          type: columnType(field, enumNames),
          // Prisma creates scalar lists without NOT NULL.
          nullable: field.isList || !field.isRequired,
          default: columnDefault(field, enumNames),
        });
      }
      if (field.kind === "object" && field.relationFromFields?.length) {
        const target = models.get(field.type);
        if (!target) throw new Error(`${model.name}.${field.name} points to unknown model ${field.type}`);
        const from = field.relationFromFields.map((name) => columnOf(model, name));
        foreignKeys.push({
          table,
          name: `${table}_${from.join("_")}_fkey`,
          columns: from,
          references: tableOf(target),
          referencedColumns: (field.relationToFields ?? []).map((name) => columnOf(target, name)),
          // Prisma's defaults when a relation does not say.
          onDelete: (field.relationOnDelete as ReferentialAction | undefined) ?? (field.isRequired ? "Restrict" : "SetNull"),
          onUpdate: (field.relationOnUpdate as ReferentialAction | undefined) ?? "Cascade",
        });
      }
    }
    tables.set(table, columns);
  }

  const indexes = datamodel.indexes.map((index): Index => {
    const model = models.get(index.model);
    if (!model) throw new Error(`index on unknown model ${index.model}`);
    const table = tableOf(model);
    const columns = index.fields.map((f) => columnOf(model, f.name));
    const suffix = { id: "pkey", unique: "key", normal: "idx", fulltext: "idx" }[index.type];
    const defaultName = index.type === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${suffix}`;
    const unique = index.type !== "normal";
    return { table, name: index.dbName ?? defaultName, columns, unique, primary: index.type === "id", predicate: null };
  });
  indexes.push(...HAND_WRITTEN_INDEXES);

  return {
    tables,
    enums: new Map(datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)])),
    indexes,
    foreignKeys,
  };
}

const quoteIdent = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

function columnType(field: Field, enumNames: Map<string, string>): string {
  const base = field.kind === "enum" ? quoteIdent(enumNames.get(field.type) ?? field.type) : scalarType(field);
  return field.isList ? `${base}[]` : base;
}

function scalarType(field: Field): string {
  const [native, args = []] = field.nativeType ?? [];
  if (native) {
    const nativeTypes: Record<string, string> = {
      Uuid: "uuid",
      Text: "text",
      VarChar: args.length ? `character varying(${args.join(",")})` : "character varying",
      Char: `character(${args[0] ?? 1})`,
      SmallInt: "smallint",
      Integer: "integer",
      BigInt: "bigint",
      Real: "real",
      DoublePrecision: "double precision",
      Decimal: `numeric(${args.join(",")})`,
      Timestamp: `timestamp(${args[0] ?? 3}) without time zone`,
      Timestamptz: `timestamp(${args[0] ?? 3}) with time zone`,
      Date: "date",
      JsonB: "jsonb",
      Json: "json",
      ByteA: "bytea",
      Boolean: "boolean",
    };
    const type = nativeTypes[native];
    if (!type) throw new Error(`schema-diff does not know the native type @db.${native} (${field.name}); add it`);
    return type;
  }
  const defaults: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
    Bytes: "bytea",
  };
  const type = defaults[field.type];
  if (!type) throw new Error(`schema-diff does not know the Prisma type ${field.type} (${field.name}); add it`);
  return type;
}

// Defaults Prisma Client fills in itself: the column has none.
const CLIENT_SIDE_DEFAULTS = new Set(["uuid", "cuid", "nanoid", "ulid"]);

/** The default as `pg_get_expr` prints it; "*" when only its presence is checked. */
function columnDefault(field: Field, enumNames: Map<string, string>): string | null {
  if (!field.hasDefaultValue || field.default === undefined) return null;
  const value = field.default;
  if (typeof value === "object" && !("name" in value)) {
    if (value.length === 0) return `ARRAY[]::${columnType(field, enumNames)}`;
    return "*";
  }
  if (typeof value === "object") {
    if (CLIENT_SIDE_DEFAULTS.has(value.name)) return null;
    if (value.name === "now") return "CURRENT_TIMESTAMP";
    if (value.name === "dbgenerated") return String(value.args[0] ?? "*");
    if (value.name === "autoincrement") return "*";
    return "*";
  }
  if (field.kind === "enum") return `'${String(value)}'::${quoteIdent(enumNames.get(field.type) ?? field.type)}`;
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'::${field.type === "Json" ? "jsonb" : "text"}`;
  return String(value);
}

/** Every difference between what the schema says and what the database has, for people; empty when they agree. */
export function diffSchemas(expected: DatabaseSchema, actual: DatabaseSchema): string[] {
  const problems: string[] = [];

  for (const [table, columns] of expected.tables) {
    const actualColumns = actual.tables.get(table);
    if (!actualColumns) {
      problems.push(`table ${table}: in the schema, missing from the database`);
      continue;
    }
    for (const [name, column] of columns) {
      const found = actualColumns.get(name);
      const at = `column ${table}.${name}`;
      if (!found) {
        problems.push(`${at}: in the schema, missing from the database`);
        continue;
      }
      if (found.type !== column.type) problems.push(`${at}: type ${column.type} in the schema, ${found.type} in the database`);
      if (found.nullable !== column.nullable) {
        problems.push(`${at}: ${column.nullable ? "nullable" : "NOT NULL"} in the schema, ${found.nullable ? "nullable" : "NOT NULL"} in the database`);
      }
      if ((column.default === null) !== (found.default === null) || (column.default !== "*" && column.default !== found.default)) {
        problems.push(`${at}: default ${column.default ?? "none"} in the schema, ${found.default ?? "none"} in the database`);
      }
    }
    for (const name of actualColumns.keys()) {
      if (!columns.has(name)) problems.push(`column ${table}.${name}: in the database, not in the schema`);
    }
  }
  for (const table of actual.tables.keys()) {
    if (!expected.tables.has(table)) problems.push(`table ${table}: in the database, not in the schema`);
  }

  for (const [name, values] of expected.enums) {
    const found = actual.enums.get(name);
    if (!found) problems.push(`enum ${name}: in the schema, missing from the database`);
    else if (found.join(",") !== values.join(",")) problems.push(`enum ${name}: values ${values.join(", ")} in the schema, ${found.join(", ")} in the database`);
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) problems.push(`enum ${name}: in the database, not in the schema`);
  }

  const indexKey = (index: Index) =>
    `${index.table}(${index.columns.join(", ")})${index.primary ? " primary key" : index.unique ? " unique" : ""}` +
    (index.predicate ? ` where ${index.predicate}` : "");
  diffByKey(expected.indexes, actual.indexes, indexKey, (index) => `index ${index.name} on ${indexKey(index)}`, problems, (want, have) =>
    want.name === have.name ? [] : [`index on ${indexKey(want)}: named ${want.name} in the schema, ${have.name} in the database`],
  );

  const fkKey = (fk: ForeignKey) => `${fk.table}(${fk.columns.join(", ")}) → ${fk.references}(${fk.referencedColumns.join(", ")})`;
  diffByKey(expected.foreignKeys, actual.foreignKeys, fkKey, (fk) => `foreign key ${fk.name} ${fkKey(fk)}`, problems, (want, have) => [
    ...(want.onDelete !== have.onDelete ? [`foreign key ${fkKey(want)}: onDelete ${want.onDelete} in the schema, ${have.onDelete} in the database`] : []),
    ...(want.onUpdate !== have.onUpdate ? [`foreign key ${fkKey(want)}: onUpdate ${want.onUpdate} in the schema, ${have.onUpdate} in the database`] : []),
    ...(want.name !== have.name ? [`foreign key ${fkKey(want)}: named ${want.name} in the schema, ${have.name} in the database`] : []),
  ]);

  return problems;
}

function diffByKey<T>(
  expected: T[],
  actual: T[],
  key: (item: T) => string,
  describe: (item: T) => string,
  problems: string[],
  compare: (want: T, have: T) => string[],
) {
  const actualByKey = new Map(actual.map((item) => [key(item), item]));
  const expectedKeys = new Set(expected.map(key));
  for (const item of expected) {
    const found = actualByKey.get(key(item));
    if (!found) problems.push(`${describe(item)}: in the schema, missing from the database`);
    else problems.push(...compare(item, found));
  }
  for (const item of actual) {
    if (!expectedKeys.has(key(item))) problems.push(`${describe(item)}: in the database, not in the schema`);
  }
}
