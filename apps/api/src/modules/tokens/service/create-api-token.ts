import { z } from "zod";
import { requireViewer } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { generateApiToken } from "../../../auth/api-token.ts";
import { forbidden } from "../../../errors.ts";
import { parseInput } from "../../../graphql/result-errors.ts";
import type { ServiceContext } from "../../../service-context.ts";

const createApiTokenInput = z.object({
  name: z.string().trim().min(1, { message: "Give the token a name." }).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional().nullable(),
});

/** Creates a token for the viewer; the plain token is in the result and nowhere else, ever. */
export async function createApiToken(ctx: ServiceContext, input: unknown) {
  const viewer = requireViewer(ctx);
  if (!viewer.id) throw forbidden("The system has no tokens of its own; create one for a user.");
  return createApiTokenForUser(ctx, viewer.id, input);
}

/** Also used by the operations CLI (`kao token create --email`). */
export async function createApiTokenForUser(ctx: ServiceContext, userId: string, input: unknown) {
  const data = parseInput(createApiTokenInput, input);
  const { token, tokenHash, prefix } = generateApiToken();
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  const apiToken = await ctx.db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { userId, name: data.name, prefix, tokenHash, expiresAt } });
    await recordAudit(tx, ctx, { action: "token.create", targetType: "ApiToken", targetId: created.id, data: { userId, name: data.name } });
    return created;
  });
  return { token, apiToken };
}
