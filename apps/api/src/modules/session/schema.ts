import { builder } from "../../graphql/builder.ts";
import { UserRef } from "../users/schema.ts";
import { signIn } from "./service/sign-in.ts";

builder.mutationField("signIn", (t) =>
  t.field({
    type: UserRef,
    description:
      "Check an email and password and return the user. The web app's sign-in calls this and then issues its own session; " +
      "scripts should use API tokens instead. Failures are rate-limited per email and per address.",
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => signIn(ctx, args),
  }),
);
