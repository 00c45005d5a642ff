import { z } from "zod";

/** The paper's face rules (Koc, Koc & Su), the default guidelines of a new dataset. */
export const DEFAULT_GUIDELINES = `# Face rules

A frame is **FACE** when at least one character's face meets all of these:

1. **50% or more** of the character's face is in the frame.
2. A **profile** counts.
3. An **animal** face counts only if human facial features are visible (eyes, mouth, nose…).

Otherwise it is **NO FACE**. When you cannot decide, choose **UNSURE**: a reviewer will settle it.
`;

const name = z.string().trim().min(1, { message: "Give the dataset a name." }).max(120);
const description = z.string().trim().max(2000);
const guidelines = z.string().max(50_000, { message: "Guidelines are limited to 50,000 characters." });
const overlap = z.number().int().min(1, { message: "At least one label per frame." }).max(10, { message: "At most 10 labels per frame." });
/** Face-rule names shown as checkboxes while labelling; compared case-insensitively, so "Profile" and "profile" clash. */
const ruleNames = z
  .array(z.string().trim().min(1, { message: "A rule name cannot be empty." }).max(80, { message: "A rule name is limited to 80 characters." }))
  .min(1, { message: "Give at least one rule name." })
  .max(10, { message: "At most 10 rule names." })
  .superRefine((names, ctx) => {
    const seen = new Set<string>();
    for (const [index, name] of names.entries()) {
      const key = name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index], message: `"${name}" is listed more than once.` });
      seen.add(key);
    }
  });

export const createDatasetInput = z.object({
  name,
  description: description.optional().nullable(),
  guidelines: guidelines.optional().nullable(),
  overlap: overlap.optional().nullable(),
});

export const updateDatasetInput = z.object({
  name: name.optional().nullable(),
  description: description.optional().nullable(),
  guidelines: guidelines.optional().nullable(),
  overlap: overlap.optional().nullable(),
  ruleNames: ruleNames.optional().nullable(),
});
