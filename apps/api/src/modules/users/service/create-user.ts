import { hashPassword } from "@kao/db/password";
import { isUniqueViolation } from "@kao/db";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { ConflictError, parseInput } from "../../../graphql/result-errors.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { createUserInput } from "./contracts.ts";
import { generatePassword } from "./generate-password.ts";

/** Creates (invites) a user. Without a password one is generated and returned once, for the admin to pass on. */
export async function createUser(ctx: ServiceContext, input: unknown) {
  requireAdmin(ctx);
  const data = parseInput(createUserInput, input);
  const password = data.password ?? generatePassword();
  try {
    const user = await ctx.db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: data.email, name: data.name ?? null, role: data.role, passwordHash: await hashPassword(password) },
      });
      await recordAudit(tx, ctx, { action: "user.create", targetType: "User", targetId: created.id, data: { email: created.email, role: created.role } });
      return created;
    });
    return { user, generatedPassword: data.password ? null : password };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A user with email ${data.email} already exists.`);
    throw error;
  }
}
