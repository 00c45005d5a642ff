import type { Command } from "commander";
import { createUser, resetUserPassword } from "@kao/api";
import type { CliConfig } from "../config.ts";
import { withServices } from "../context.ts";

const ROLES = ["ADMIN", "REVIEWER", "LABELER", "VIEWER"] as const;

export function registerUserCommands(program: Command, config: () => CliConfig) {
  const user = program.command("user").description("manage user accounts");

  user
    .command("create")
    .description("create a user; prints a generated password when --password is left out")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--name <name>", "display name")
    .option("--password <password>", "initial password (at least 8 characters)")
    .action(async (options: { email: string; role: string; name?: string; password?: string }) => {
      const role = options.role.toUpperCase();
      await withServices(config(), async (ctx) => {
        const { user: created, generatedPassword } = await createUser(ctx, { email: options.email, role, name: options.name, password: options.password });
        console.log(`created ${created.role} ${created.email} (${created.id})`);
        if (generatedPassword) console.log(`password: ${generatedPassword}   (shown once)`);
      });
    });

  user
    .command("reset-password")
    .description("set a new password; prints a generated one when --password is left out")
    .requiredOption("--email <email>", "the user's email")
    .option("--password <password>", "the new password (at least 8 characters)")
    .action(async (options: { email: string; password?: string }) => {
      await withServices(config(), async (ctx) => {
        const found = await ctx.db.user.findUnique({ where: { email: options.email.trim().toLowerCase() } });
        if (!found) throw new Error(`no user with email ${options.email}`);
        const { generatedPassword } = await resetUserPassword(ctx, found.id, options.password);
        console.log(`password of ${found.email} reset`);
        if (generatedPassword) console.log(`password: ${generatedPassword}   (shown once)`);
      });
    });

  user
    .command("list")
    .description("list users")
    .action(async () => {
      await withServices(config(), async (ctx) => {
        const users = await ctx.db.user.findMany({ orderBy: { email: "asc" } });
        for (const u of users) console.log(`${u.email.padEnd(40)} ${u.role.padEnd(9)} ${u.deactivatedAt ? "deactivated" : "active"}`);
      });
    });
}
