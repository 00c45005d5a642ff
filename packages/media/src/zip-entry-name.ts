/**
 * Why a zip entry's name is unsafe to use as a path, or null when it is safe.
 *
 * Stricter than yauzl's own check (which we switch off so that one bad name does not abort the
 * whole archive): backslashes count as separators, since Windows tools write them and a later
 * `path.join` on Windows would honour them.
 */
export function unsafeEntryNameReason(name: string): string | null {
  if (name.includes("\0")) return "contains a NUL character";
  if (name.startsWith("/") || name.startsWith("\\")) return "is an absolute path";
  if (/^[a-zA-Z]:/.test(name)) return "starts with a drive letter";
  if (name.split(/[/\\]/).includes("..")) return "contains a '..' segment";
  if (name.includes("\\")) return "contains a backslash";
  return null;
}

/** The name with control characters escaped, fit for logs and for a Postgres text column (which rejects NUL). */
export function printableEntryName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Entries that archivers add and nobody means to import: macOS resource forks and dotfiles (.DS_Store). */
export function isIgnoredEntryName(name: string): boolean {
  return name.startsWith("__MACOSX/") || name.split("/").some((segment) => segment.startsWith(".") && segment !== ".");
}
