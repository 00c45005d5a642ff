import type { User } from "@kao/db";
import { builder } from "../../graphql/builder.ts";
import { prismaConnection } from "../../graphql/connection.ts";
import { ConflictError, InputValidationError } from "../../graphql/result-errors.ts";
import { requireViewer } from "../../access.ts";
import { unauthenticated } from "../../errors.ts";
import { createUser } from "./service/create-user.ts";
import { getUser } from "./service/get-user.ts";
import { usersWhere } from "./service/list-users.ts";
import { changeOwnPassword, resetUserPassword } from "./service/reset-password.ts";
import { updateUser } from "./service/update-user.ts";

export const RoleEnum = builder.enumType("Role", {
  description: "What a user may do across kao; dataset access also needs membership.",
  values: {
    ADMIN: { description: "Manages users, datasets, splits and models; sees everything." },
    REVIEWER: { description: "Adjudicates disagreements in their datasets; labels too." },
    LABELER: { description: "Labels frames in their datasets." },
    VIEWER: { description: "Reads their datasets; changes nothing." },
  } as const,
});

export const UserRef = builder.objectRef<User>("User").implement({
  description: "A person who signs in to kao.",
  fields: (t) => ({
    id: t.exposeID("id"),
    email: t.exposeString("email"),
    name: t.exposeString("name", { nullable: true }),
    role: t.expose("role", { type: RoleEnum }),
    active: t.boolean({ description: "False once an admin deactivates the account.", resolve: (user) => user.deactivatedAt === null }),
    deactivatedAt: t.expose("deactivatedAt", { type: "DateTime", nullable: true }),
    lastLoginAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When they last signed in; admins and the user themselves only, null for others.",
      // Users reach other users through datasets (members, adjudicators, pinned examples): who signs in when
      // is account activity, which `user(id)` keeps to admins and the user themselves. Without a viewer
      // the only user in reach is the one `signIn` just checked the password of.
      resolve: (user, _args, ctx) => (!ctx.viewer || ctx.viewer.role === "ADMIN" || ctx.viewer.id === user.id ? user.lastLoginAt : null),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("me", (t) =>
  t.field({
    type: UserRef,
    description: "The signed-in user (session or API token).",
    resolve: (_root, _args, ctx) => {
      const viewer = requireViewer(ctx);
      if (!viewer.id) throw unauthenticated();
      return getUser(ctx, viewer.id);
    },
  }),
);

builder.queryField("user", (t) =>
  t.field({
    type: UserRef,
    description: "A user by id (admins: anyone; others: themselves).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getUser(ctx, args.id),
  }),
);

builder.queryField("users", (t) =>
  t.connection({
    type: UserRef,
    description: "All users, by email (admin only).",
    args: {
      search: t.arg.string({ description: "Part of an email or name." }),
      role: t.arg({ type: RoleEnum }),
      includeDeactivated: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_root, args, ctx) => {
      const where = usersWhere(ctx, args);
      return prismaConnection(args, (page) => ctx.db.user.findMany({ where, orderBy: { email: "asc" }, ...page }));
    },
  }),
);

const CreateUserInput = builder.inputType("CreateUserInput", {
  fields: (t) => ({
    email: t.string({ required: true }),
    name: t.string(),
    role: t.field({ type: RoleEnum, required: true }),
    password: t.string({ description: "Leave out to generate one, returned once in the result." }),
  }),
});

const UserWithPassword = builder.objectRef<{ user: User; generatedPassword: string | null }>("UserWithPassword").implement({
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (r) => r.user }),
    generatedPassword: t.exposeString("generatedPassword", {
      nullable: true,
      description: "Set when kao generated the password: shown this once, pass it on to the user.",
    }),
  }),
});

builder.mutationField("createUser", (t) =>
  t.field({
    type: UserWithPassword,
    description: "Create (invite) a user (admin only).",
    errors: { types: [InputValidationError, ConflictError] },
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_root, args, ctx) => createUser(ctx, args.input),
  }),
);

const UpdateUserInput = builder.inputType("UpdateUserInput", {
  fields: (t) => ({
    name: t.string(),
    role: t.field({ type: RoleEnum }),
    active: t.boolean({ description: "false deactivates: sign-in and the user's API tokens stop working." }),
  }),
});

builder.mutationField("updateUser", (t) =>
  t.field({
    type: UserRef,
    description: "Change a user's name, role or active state (admin only).",
    errors: { types: [InputValidationError, ConflictError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: (_root, args, ctx) => updateUser(ctx, args.id, args.input),
  }),
);

builder.mutationField("resetUserPassword", (t) =>
  t.field({
    type: UserWithPassword,
    description: "Set a user's password; generated and returned once when none is given (admin only).",
    errors: { types: [InputValidationError] },
    args: { id: t.arg.id({ required: true }), password: t.arg.string() },
    resolve: (_root, args, ctx) => resetUserPassword(ctx, args.id, args.password),
  }),
);

builder.mutationField("changeMyPassword", (t) =>
  t.field({
    type: UserRef,
    description: "Change the signed-in user's own password.",
    errors: { types: [InputValidationError] },
    args: { currentPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => changeOwnPassword(ctx, args),
  }),
);
