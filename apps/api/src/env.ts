import { z } from "zod";

/** The API's configuration, validated once at start; nothing else reads process.env. */
const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm start sets it for the embedded Postgres)."),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters."),
  KAO_API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  KAO_API_HOST: z.string().default("127.0.0.1"),
  KAO_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  KAO_DATA_DIR: z.string().default(".data"),
  KAO_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(4 * 1024 ** 3),
  KAO_TRUST_PROXY: z.string().default("loopback"),
  KAO_DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  KAO_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  /** A JSON file of extra model catalog entries (e.g. a mirror inside the studio's network); see loadModelCatalog. */
  KAO_MODEL_CATALOG: z.string().optional(),
});

export type ApiEnv = z.infer<typeof schema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`The API's configuration is not valid:\n${problems}`);
  }
  return result.data;
}
