import type pg from "pg";

export interface TableInfo {
  name: string;
  columns: string[];
}

/** Prisma's bookkeeping: written by the migration runner on restore, not copied. */
export const MIGRATIONS_TABLE = "_prisma_migrations";

/**
 * Session settings that make COPY's text the same whatever the server's defaults (as pg_dump does):
 * ISO dates parse back unambiguously, floats print exactly, bytea as hex.
 */
export const COPY_SESSION_SETTINGS = "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET bytea_output = 'hex'";

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * kao's tables (schema `public`) with their stored columns, parents before children so that COPY
 * can load them in this order with every foreign key checked as usual (Prisma's keys are not
 * deferrable, and disabling triggers would need a superuser, which DATABASE_URL may not be).
 */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows: columns } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS "table", a.attname AS "column"
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> $1
      ORDER BY c.relname, a.attnum`,
    [MIGRATIONS_TABLE],
  );
  const { rows: keys } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  const tables = new Map<string, string[]>();
  for (const { table, column } of columns) tables.set(table, [...(tables.get(table) ?? []), column]);
  return orderByForeignKeys([...tables.keys()], keys).map((name) => ({ name, columns: tables.get(name) ?? [] }));
}

/** Kahn's algorithm; a table referencing itself is fine (its rows load in one COPY), a cycle is not. */
export function orderByForeignKeys(tables: string[], keys: { child: string; parent: string }[]): string[] {
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of keys) if (child !== parent && parents.has(parent)) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const remaining = new Set([...tables].sort());
  while (remaining.size > 0) {
    const ready = [...remaining].filter((table) => [...(parents.get(table) ?? [])].every((parent) => !remaining.has(parent)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...remaining].join(", ")}; kao's backup cannot order them`);
    for (const table of ready) {
      ordered.push(table);
      remaining.delete(table);
    }
  }
  return ordered;
}

/** Applied migrations in the order they were applied; none when the database was never migrated. */
export async function appliedMigrations(client: pg.ClientBase): Promise<{ name: string; checksum: string }[]> {
  const { rows: exists } = await client.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [`public.${MIGRATIONS_TABLE}`]);
  if (!exists[0]?.present) return [];
  const { rows } = await client.query<{ name: string; checksum: string }>(
    `SELECT migration_name AS name, checksum FROM ${quoteIdent(MIGRATIONS_TABLE)}
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows;
}

/** Sequences of kao's schema (none today: ids are UUIDs), so a future serial column survives a restore. */
export async function listSequences(client: pg.ClientBase): Promise<{ name: string; lastValue: string }[]> {
  const { rows } = await client.query<{ name: string; lastValue: string }>(
    `SELECT sequencename AS name, last_value::text AS "lastValue" FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL ORDER BY 1`,
  );
  return rows;
}
