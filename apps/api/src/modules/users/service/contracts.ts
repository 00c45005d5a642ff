import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@kao/db/password";

export const roleSchema = z.enum(["ADMIN", "REVIEWER", "LABELER", "VIEWER"]);
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address." }));
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(200, { message: "Use at most 200 characters." });

export const createUserInput = z.object({
  email: emailSchema,
  name: z.string().trim().max(100).optional().nullable(),
  role: roleSchema,
  password: passwordSchema.optional().nullable(),
});
