import { builder } from "../../graphql/builder.ts";
import { UserRef } from "../users/schema.ts";
import type { AuditEntry } from "./service/contracts.ts";
import { listAuditEntries } from "./service/list-audit-entries.ts";

const AuditSourceEnum = builder.enumType("AuditSource", {
  description: "Where an audit entry comes from.",
  values: {
    ACTION: { description: "An admin or reviewer action recorded by the service that did it." },
    LABEL: { description: "A labeller's label change (`label.set`) or undo (`label.undo`), from the frame's label history." },
  } as const,
});

const AuditEntryRef = builder.objectRef<AuditEntry>("AuditEntry").implement({
  description: "Who did what to which object, and when.",
  fields: (t) => ({
    id: t.exposeID("id"),
    source: t.expose("source", { type: AuditSourceEnum }),
    action: t.exposeString("action", { description: "What was done, e.g. `user.create`, `split.lock`, `label.set`." }),
    actor: t.field({
      type: UserRef,
      nullable: true,
      description: "Who did it; null for the operations CLI (the system) or a deleted user.",
      // The actor's key is SET NULL on delete, so an id here always loads.
      resolve: (entry, _args, ctx) => (entry.actorId ? ctx.loaders.userById.load(entry.actorId) : null),
    }),
    datasetId: t.exposeID("datasetId", { nullable: true, description: "The dataset concerned; null for kao-wide actions (users, tokens, backbones)." }),
    datasetName: t.exposeString("datasetName", { nullable: true, description: "That dataset's name." }),
    targetType: t.exposeString("targetType", { description: "The kind of object acted on, e.g. `User`, `Frame`, `Job`." }),
    targetId: t.exposeString("targetId", { nullable: true, description: "The object's id." }),
    details: t.string({
      description: "What changed, as a JSON object (the client address only for admins).",
      resolve: (entry, _args, ctx) => {
        const data: Record<string, unknown> = typeof entry.data === "object" && entry.data !== null && !Array.isArray(entry.data) ? { ...entry.data } : {};
        const { ip: _ip, ...withoutIp } = data;
        return JSON.stringify(ctx.viewer?.role === "ADMIN" ? data : withoutIp);
      },
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("auditLog", (t) =>
  t.connection({
    type: AuditEntryRef,
    description:
      "The audit log, newest first: admin actions and label changes. Admins see all; reviewers the entries of their datasets; others are forbidden.",
    args: {
      datasetId: t.arg.id({ description: "Only this dataset's entries." }),
      actorId: t.arg.id({ description: "Only what this user did." }),
      action: t.arg.string({ description: "An action (`split.lock`), or a prefix ending in a dot (`label.`, `user.`)." }),
      from: t.arg({ type: "DateTime", description: "From this time on (inclusive)." }),
      to: t.arg({ type: "DateTime", description: "Before this time (exclusive)." }),
    },
    resolve: (_root, args, ctx) =>
      listAuditEntries(ctx, { datasetId: args.datasetId, actorId: args.actorId, action: args.action, from: args.from, to: args.to }, args),
  }),
);
