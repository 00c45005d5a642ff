import type { Command } from "commander";
import { DEFAULT_GUIDELINES } from "@kao/api";
import { DEFAULT_SEED_PASSWORD, seedDataset, seedUser } from "@kao/db/seed";
import type { CliConfig } from "../config.ts";
import { withServices } from "../context.ts";

const DEMO_USERS = [
  { email: "reviewer@kao.local", role: "REVIEWER" },
  { email: "labeler1@kao.local", role: "LABELER" },
  { email: "labeler2@kao.local", role: "LABELER" },
  { email: "viewer@kao.local", role: "VIEWER" },
] as const;

export function registerSeedCommand(program: Command, config: () => CliConfig) {
  program
    .command("seed")
    .description("add demo users and a demo dataset (idempotent)")
    .action(async () => {
      await withServices(config(), async (ctx) => {
        const members = [];
        for (const demo of DEMO_USERS) {
          const existing = await ctx.db.user.findUnique({ where: { email: demo.email } });
          members.push(existing ?? (await seedUser(ctx.db, { email: demo.email, role: demo.role, password: DEFAULT_SEED_PASSWORD })));
          console.log(`${existing ? "exists " : "created"} ${demo.role.padEnd(8)} ${demo.email}`);
        }
        const name = "Demo: anime faces";
        if (await ctx.db.dataset.findUnique({ where: { name } })) {
          console.log(`exists  dataset "${name}"`);
        } else {
          await seedDataset(ctx.db, { name, guidelines: DEFAULT_GUIDELINES, overlap: 2, members });
          console.log(`created dataset "${name}" (overlap 2) with the demo users as members`);
        }
        console.log(`demo users sign in with the password "${DEFAULT_SEED_PASSWORD}"`);
      });
    });
}
