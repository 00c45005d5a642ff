import { z } from "zod";

/** Archive entry names: the manifest, one COPY file per table, and frame storage under `files/`. */
export const MANIFEST_ENTRY = "manifest.json";
export const tableEntry = (table: string) => `database/${table}.tsv`;
export const fileEntry = (key: string) => `files/${key}`;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "not a sha256");

/**
 * What a backup holds and how to check it. Written last into the archive (its sums are only known
 * once everything is written) and read first on restore, from the zip's central directory.
 */
export const manifestSchema = z.object({
  format: z.literal("kao-backup"),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  kao: z.object({ version: z.string().nullable() }),
  postgres: z.object({ serverVersion: z.string() }),
  /** Applied migrations, in order: the schema the table files fit. */
  migrations: z.array(z.object({ name: z.string().min(1), checksum: z.string() })),
  /** In an order their foreign keys allow inserting them (parents first). */
  tables: z.array(
    z.object({
      name: z.string().min(1),
      columns: z.array(z.string().min(1)).min(1),
      rows: z.number().int().nonnegative(),
      entry: z.string(),
      bytes: z.number().int().nonnegative(),
      sha256,
    }),
  ),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().regex(/^-?\d+$/) })),
  files: z.array(z.object({ key: z.string().min(1), entry: z.string(), bytes: z.number().int().nonnegative(), sha256 })),
  /** Files that disappeared between listing and reading them (deleted while kao ran). */
  skippedFiles: z.array(z.object({ key: z.string(), reason: z.string() })),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** A backup that cannot be read or does not match its manifest; the target is left untouched. */
export class BackupArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupArchiveError";
  }
}

/** The target refuses the restore (not empty, or at a newer schema); nothing was changed. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefusedError";
  }
}
