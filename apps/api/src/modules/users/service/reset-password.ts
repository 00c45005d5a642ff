import { hashPassword, verifyPassword } from "@kao/db/password";
import { z } from "zod";
import { requireAdmin, requireViewer } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { forbidden, notFound } from "../../../errors.ts";
import { InputValidationError, parseInput } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { passwordSchema } from "./contracts.ts";
import { generatePassword } from "./generate-password.ts";

/** An admin sets a new password (generated when none is given, and returned once). */
export async function resetUserPassword(ctx: ServiceContext, id: string, password?: string | null) {
  requireAdmin(ctx);
  assertId(id);
  const chosen = password == null ? generatePassword() : parseInput(passwordSchema, password);
  const passwordHash = await hashPassword(chosen);
  return ctx.db.$transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw notFound("User");
    const user = await tx.user.update({ where: { id }, data: { passwordHash } });
    await recordAudit(tx, ctx, { action: "user.reset-password", targetType: "User", targetId: id });
    return { user, generatedPassword: password == null ? chosen : null };
  });
}

const changeOwnPasswordInput = z.object({ currentPassword: z.string().max(200), newPassword: passwordSchema });

export async function changeOwnPassword(ctx: ServiceContext, input: unknown) {
  const viewer = requireViewer(ctx);
  const data = parseInput(changeOwnPasswordInput, input);
  if (!viewer.id) throw forbidden("Only a signed-in user can change their own password.");
  const user = await ctx.db.user.findUnique({ where: { id: viewer.id }, omit: { passwordHash: false } });
  if (!user) throw notFound("User");
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new InputValidationError("The current password is wrong.", [{ path: "currentPassword", message: "Wrong password." }]);
  }
  const updated = await ctx.db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(data.newPassword) },
  });
  await recordAudit(ctx.db, ctx, { action: "user.change-password", targetType: "User", targetId: user.id });
  return updated;
}
