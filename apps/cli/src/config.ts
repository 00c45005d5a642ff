import path from "node:path";
import { z } from "zod";

/** Configuration of the operations CLI and `npm start`; the only reader of process.env here. */
const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  KAO_DATA_DIR: z.string().default(".data"),
  KAO_WEB_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  KAO_API_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  KAO_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  KAO_PUBLIC_URL: z.string().url().optional(),
  KAO_ADMIN_EMAIL: z.string().email().optional(),
  KAO_ADMIN_PASSWORD: z.string().min(8, "KAO_ADMIN_PASSWORD must have at least 8 characters.").optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters.").optional(),
});

export type CliConfig = ReturnType<typeof loadConfig>;

export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  const result = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (!result.success) {
    throw new Error(`kao's configuration is not valid:\n${result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  const env = result.data;
  const dataDir = path.resolve(env.KAO_DATA_DIR);
  return {
    ...env,
    dataDir,
    postgresDir: path.join(dataDir, "postgres"),
    publicUrl: env.KAO_PUBLIC_URL ?? `http://localhost:${env.KAO_WEB_PORT}`,
  };
}
