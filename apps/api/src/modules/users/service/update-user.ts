import { z } from "zod";
import type { Role } from "@kao/db";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { ConflictError, parseInput } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { roleSchema } from "./contracts.ts";

const updateUserInput = z.object({
  name: z.string().trim().max(100).optional().nullable(),
  role: roleSchema.optional().nullable(),
  active: z.boolean().optional().nullable(),
});

/**
 * Changes a user's name, role or active state. Refuses to leave kao without an active admin,
 * which would lock everyone out of administration.
 */
export async function updateUser(ctx: ServiceContext, id: string, input: unknown) {
  requireAdmin(ctx);
  assertId(id);
  const data = parseInput(updateUserInput, input);
  return ctx.db.$transaction(async (tx) => {
    // Serialises admin-count checks so two concurrent demotions cannot both pass.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kao.user-admins'))`;
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound("User");
    const role: Role = data.role ?? user.role;
    const active = data.active ?? user.deactivatedAt === null;
    const losesAdmin = user.role === "ADMIN" && user.deactivatedAt === null && (role !== "ADMIN" || !active);
    if (losesAdmin) {
      const admins = await tx.user.count({ where: { role: "ADMIN", deactivatedAt: null } });
      if (admins <= 1) throw new ConflictError("kao needs at least one active admin; make someone else admin first.");
    }
    const updated = await tx.user.update({
      where: { id },
      data: {
        ...(data.name !== undefined ? { name: data.name } : {}),
        role,
        deactivatedAt: active ? null : (user.deactivatedAt ?? new Date()),
      },
    });
    await recordAudit(tx, ctx, {
      action: "user.update",
      targetType: "User",
      targetId: id,
      data: { from: { role: user.role, active: user.deactivatedAt === null }, to: { role, active } },
    });
    return updated;
  });
}
