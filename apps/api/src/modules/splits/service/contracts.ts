import { z } from "zod";
import type { Prisma } from "@kao/db";
import { DEFAULT_RATIOS, ratiosProblem, type SplitRatios } from "./splitter/ratios.ts";

const ratios = z
  .object({ train: z.number(), val: z.number(), test: z.number() })
  .superRefine((value, ctx) => {
    const problem = ratiosProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
// GraphQL's Int is 32-bit signed; the seed is stored in an Int column too.
const seed = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);
const name = z.string().trim().min(1, { message: "Give the split a name." }).max(120, { message: "At most 120 characters." });

export const createSplitInput = z.object({ name, ratios: ratios.nullish(), seed: seed.nullish() });
export const resplitInput = z.object({ ratios: ratios.nullish(), seed: seed.nullish() });

/**
 * What SplitVersion.params holds: enough to redo the split from its seed, and the rules it was made by,
 * so that a later change of rules is visible in old versions.
 */
export function splitParams(value: SplitRatios): Prisma.InputJsonObject {
  return { ratios: { train: value.train, val: value.val, test: value.test }, rules: "scene-groups/title-label-strata/largest-deficit/v1" };
}

const storedParams = z.object({ ratios: z.object({ train: z.number(), val: z.number(), test: z.number() }) });

/** The ratios a version was made with (the paper's defaults for a version whose params cannot be read). */
export function ratiosOf(params: unknown): SplitRatios {
  const parsed = storedParams.safeParse(params);
  return parsed.success ? parsed.data.ratios : DEFAULT_RATIOS;
}

/** A fresh seed when none is given; stored with the version, so the split stays reproducible. */
export const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
