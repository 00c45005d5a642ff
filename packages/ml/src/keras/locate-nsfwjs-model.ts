import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export type NsfwjsModelName = "inception_v3" | "mobilenet_v2";

/**
 * The folder of one of nsfwjs's bundled layers models. nsfwjs's `exports` map hides both its
 * package.json and its model files, so resolve its entry point and walk up to the package root.
 */
export async function locateNsfwjsModel(name: NsfwjsModelName): Promise<{ folder: string; version: string }> {
  const entry = createRequire(import.meta.url).resolve("nsfwjs");
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = await readPackageName(path.join(dir, "package.json"));
    if (manifest?.name === "nsfwjs") return { folder: path.join(dir, "dist", "models", name), version: manifest.version };
  }
  throw new Error(`found nsfwjs at ${entry} but not its package.json above it`);
}

async function readPackageName(file: string): Promise<{ name: string; version: string } | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || !("name" in parsed) || !("version" in parsed)) return undefined;
  return { name: String(parsed.name), version: String(parsed.version) };
}
