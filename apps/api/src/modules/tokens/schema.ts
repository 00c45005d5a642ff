import type { ApiToken } from "@kao/db";
import { builder } from "../../graphql/builder.ts";
import { prismaConnection } from "../../graphql/connection.ts";
import { InputValidationError } from "../../graphql/result-errors.ts";
import { createApiToken } from "./service/create-api-token.ts";
import { myApiTokensWhere } from "./service/list-api-tokens.ts";
import { revokeApiToken } from "./service/revoke-api-token.ts";

export const ApiTokenRef = builder.objectRef<ApiToken>("ApiToken").implement({
  description: "A personal API token. The token itself is shown only when it is created.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "The token's first characters, to tell tokens apart." }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("apiTokens", (t) =>
  t.connection({
    type: ApiTokenRef,
    description: "The viewer's own API tokens, newest first.",
    args: { includeRevoked: t.arg.boolean({ defaultValue: false }) },
    resolve: (_root, args, ctx) => {
      const where = myApiTokensWhere(ctx, args);
      return prismaConnection(args, (page) => ctx.db.apiToken.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...page }));
    },
  }),
);

const CreatedApiToken = builder.objectRef<{ token: string; apiToken: ApiToken }>("CreatedApiToken").implement({
  fields: (t) => ({
    token: t.exposeString("token", { description: "The secret token. Store it now: kao keeps only its hash." }),
    apiToken: t.field({ type: ApiTokenRef, resolve: (r) => r.apiToken }),
  }),
});

builder.mutationField("createApiToken", (t) =>
  t.field({
    type: CreatedApiToken,
    description: "Create a personal API token for `Authorization: Bearer <token>`.",
    errors: { types: [InputValidationError] },
    args: { name: t.arg.string({ required: true }), expiresInDays: t.arg.int() },
    resolve: (_root, args, ctx) => createApiToken(ctx, args),
  }),
);

builder.mutationField("revokeApiToken", (t) =>
  t.field({
    type: ApiTokenRef,
    description: "Revoke one of your tokens (admins: anyone's). It stops working at once.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => revokeApiToken(ctx, args.id),
  }),
);
