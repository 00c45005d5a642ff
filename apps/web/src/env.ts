import { z } from "zod";

/**
 * The web app's configuration, the only place that reads process.env. Validated on first use rather
 * than at import, so `next build` works without secrets; a server missing them fails on its first request.
 */
const schema = z.object({
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (the API's session secret)."),
  NEXTAUTH_URL: z.url().optional(),
  KAO_API_URL: z
    .url()
    .default("http://127.0.0.1:4000")
    .transform((url) => url.replace(/\/+$/, "")),
});

export type WebEnv = z.infer<typeof schema>;

let cached: WebEnv | undefined;

export function env(): WebEnv {
  if (cached) return cached;
  // An empty variable (`NEXTAUTH_URL=`) means "not set", as it does for the shell.
  const source = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`The web app's configuration is not valid:\n${problems}`);
  }
  cached = result.data;
  return cached;
}
