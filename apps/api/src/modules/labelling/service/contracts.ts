import { z } from "zod";
import { badInput } from "../../../errors.ts";

/** How long `nextFrames` leases frames when KAO_LEASE_SECONDS is not set. */
export const DEFAULT_LEASE_SECONDS = 600;
/** `durationMs` is clamped to this (10 minutes): a tab left open is not 3 hours of work. */
export const MAX_DURATION_MS = 600_000;

const label = z.enum(["FACE", "NO_FACE", "UNSURE"]);

export const nextFramesInput = z.object({
  datasetId: z.string(),
  count: z.number().int().min(1, { message: "`count` must be at least 1." }).max(100, { message: "`count` must be at most 100." }),
  wholeScenes: z.boolean(),
});

export const submitLabelsInput = z.object({
  datasetId: z.string(),
  decisions: z
    .array(
      z.object({
        frameId: z.string(),
        label,
        rules: z.array(z.string()).max(50).nullish().transform((rules) => [...new Set(rules ?? [])]),
        durationMs: z
          .number()
          .int()
          .nullish()
          .transform((ms) => (ms == null ? null : Math.min(Math.max(ms, 0), MAX_DURATION_MS))),
      }),
    )
    .min(1, { message: "Send at least one decision." })
    .max(200, { message: "Send at most 200 decisions at a time." }),
});
export type LabelDecision = z.infer<typeof submitLabelsInput>["decisions"][number];

export const adjudicateInput = z.object({
  frameId: z.string(),
  label,
  note: z.string().trim().max(2000, { message: "Keep the note under 2,000 characters." }).nullish().transform((note) => note || null),
});

/**
 * Labelling mutations answer with payloads, not result unions (see the contract with the web app),
 * so a malformed request is a BAD_USER_INPUT error rather than a typed ValidationError.
 */
export function parseRequest<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw badInput(result.error.issues.map((issue) => issue.message).join("; "));
  return result.data;
}
