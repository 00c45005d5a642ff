import type { Command } from "commander";
import { createApiTokenForUser } from "@kao/api";
import type { CliConfig } from "../config.ts";
import { withServices } from "../context.ts";

export function registerTokenCommands(program: Command, config: () => CliConfig) {
  const token = program.command("token").description("manage API tokens");

  token
    .command("create")
    .description("create an API token for a user and print it (once)")
    .requiredOption("--email <email>", "the token owner's email")
    .requiredOption("--name <name>", "what the token is for")
    .option("--expires-days <days>", "expire after this many days", (value) => Number.parseInt(value, 10))
    .action(async (options: { email: string; name: string; expiresDays?: number }) => {
      await withServices(config(), async (ctx) => {
        const owner = await ctx.db.user.findUnique({ where: { email: options.email.trim().toLowerCase() } });
        if (!owner) throw new Error(`no user with email ${options.email}`);
        if (owner.deactivatedAt) throw new Error(`${owner.email} is deactivated`);
        const { token: secret, apiToken } = await createApiTokenForUser(ctx, owner.id, { name: options.name, expiresInDays: options.expiresDays });
        console.error(`created token "${apiToken.name}" for ${owner.email}; it is shown once:`);
        console.log(secret);
      });
    });
}
