import { requireViewer } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** Revokes one of the viewer's tokens (admins may revoke anyone's). Revoking twice is harmless. */
export async function revokeApiToken(ctx: ServiceContext, id: string) {
  const viewer = requireViewer(ctx);
  assertId(id);
  const scope = viewer.role === "ADMIN" ? { id } : { id, userId: viewer.id ?? "" };
  const token = await ctx.db.apiToken.findFirst({ where: scope });
  if (!token) throw notFound("API token");
  if (token.revokedAt) return token;
  return ctx.db.$transaction(async (tx) => {
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "token.revoke", targetType: "ApiToken", targetId: id, data: { userId: token.userId } });
    return revoked;
  });
}
