import { z } from "zod";

/** The worker's configuration, validated once at start; nothing else reads process.env. */
const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm start sets it for the embedded Postgres)."),
  KAO_DATA_DIR: z.string().default(".data"),
  KAO_FFMPEG: z.string().optional(),
  KAO_JOB_STALE_SECONDS: z.coerce.number().positive().default(60),
  KAO_WORKER_POOL_SIZE: z.coerce.number().int().positive().default(5),
  /** Where CNN inference runs; a GPU provider that cannot start falls back to the CPU with a warning. */
  KAO_ML_PROVIDER: z.enum(["cpu", "webgpu", "cuda"]).default("cpu"),
  /** onnxruntime intra-op threads; every core when unset. */
  KAO_ML_THREADS: z.coerce.number().int().positive().optional(),
  /** A JSON file of extra model catalog entries; the API must be given the same one. */
  KAO_MODEL_CATALOG: z.string().optional(),
});

export type WorkerEnv = z.infer<typeof schema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const result = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (!result.success) {
    throw new Error(`The worker's configuration is not valid:\n${result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return result.data;
}
