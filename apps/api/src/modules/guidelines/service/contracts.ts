import { z } from "zod";

/** Labels an example can illustrate: UNSURE is what examples are meant to prevent, never an example itself. */
export const pinExampleInput = z.object({
  label: z.enum(["FACE", "NO_FACE"], { message: "An example shows FACE or NO_FACE; UNSURE cannot be pinned." }),
  note: z.string().trim().max(500, { message: "Keep the note to 500 characters." }).nullish(),
});
