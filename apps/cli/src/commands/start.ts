import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { systemViewer } from "@kao/api";
import { createPrismaClient } from "@kao/db";
import { migrate } from "@kao/db/migrate";
import { ensureDefaultBackbones } from "@kao/worker";
import type { CliConfig } from "../config.ts";
import { openDatabase } from "../database.ts";
import { ensureFirstAdmin } from "../start/first-admin.ts";
import { assertPortFree, waitForHttp } from "../start/ports.ts";
import { loadSessionSecret } from "../start/session-secret.ts";
import { Supervisor } from "../start/supervisor.ts";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const webDir = path.join(repoRoot, "apps/web");

export function registerStartCommand(program: Command, config: () => CliConfig) {
  program
    .command("start")
    .description("run kao: Postgres (embedded unless DATABASE_URL), migrations, first admin, API, worker and web app")
    .action(async () => {
      await start(config());
    });
}

async function start(config: CliConfig) {
  await assertPortFree(config.KAO_WEB_PORT, "KAO_WEB_PORT");
  await assertPortFree(config.KAO_API_PORT, "KAO_API_PORT");

  console.log(config.DATABASE_URL ? "using the Postgres server at DATABASE_URL" : `starting the embedded Postgres (data in ${config.postgresDir})`);
  const database = await openDatabase(config, (line) => console.log(line));
  const supervisor = new Supervisor({
    onUnexpectedExit: (name, code) => {
      console.error(`\n${name} exited unexpectedly (code ${code}); stopping kao.`);
      void shutdown(1);
    },
  });

  let shuttingDown = false;
  async function shutdown(exitCode: number) {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log("\nstopping kao…");
    await supervisor.stop();
    await database.close();
    console.log("stopped.");
    process.exit(exitCode);
  }
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const migrations = await migrate({ connectionString: database.connectionString, log: (line) => console.log(line) });
    console.log(`database ready (${migrations.alreadyApplied.length + migrations.applied.length} migrations)`);

    const db = createPrismaClient({ connectionString: database.connectionString, max: 2 });
    const { admin, backbones } = await (async () => {
      const admin = await ensureFirstAdmin({ db, viewer: systemViewer, ip: "start" }, { email: config.KAO_ADMIN_EMAIL, password: config.KAO_ADMIN_PASSWORD });
      // Offline by design: the default backbones come from an npm package, converted on first start.
      const backbones = await ensureDefaultBackbones({ db, dataDir: config.dataDir, log: (line) => console.log(line) }).catch((error: unknown) => {
        console.warn(`the built-in backbones could not be prepared (${error instanceof Error ? error.message : String(error)}); register one on the Models page`);
        return [];
      });
      return { admin, backbones };
    })().finally(() => db.$disconnect());

    const secret = await loadSessionSecret(config.dataDir, config.NEXTAUTH_SECRET);
    const apiOrigin = `http://127.0.0.1:${config.KAO_API_PORT}`;
    const shared = { ...process.env, DATABASE_URL: database.connectionString, NEXTAUTH_SECRET: secret, KAO_DATA_DIR: config.dataDir, NODE_ENV: "production" as const };
    const tsx = ["--import", "tsx"];

    supervisor.start({ name: "api", command: process.execPath, args: [...tsx, "apps/api/src/main.ts"], cwd: repoRoot, env: { ...shared, KAO_API_PORT: String(config.KAO_API_PORT) } });
    supervisor.start({ name: "worker", command: process.execPath, args: [...tsx, "apps/worker/src/main.ts"], cwd: repoRoot, env: shared });
    supervisor.start({
      name: "web",
      command: process.execPath,
      args: ["server.mjs", "--port", String(config.KAO_WEB_PORT)],
      cwd: webDir,
      env: { ...shared, NEXTAUTH_URL: config.publicUrl, KAO_API_URL: apiOrigin },
    });

    await waitForHttp(`${apiOrigin}/healthz`, 60_000, () => supervisor.isRunning("api"));
    await waitForHttp(`http://127.0.0.1:${config.KAO_WEB_PORT}/signin`, 120_000, () => supervisor.isRunning("web"));

    const lines = [
      `kao is running at ${config.publicUrl}`,
      `GraphQL API: ${apiOrigin}/graphql`,
      backbones.length ? `backbones ready: ${backbones.map((backbone) => backbone.name).join(", ")}` : "",
      admin
        ? admin.password
          ? `first admin: ${admin.email} / ${admin.password}   (shown once; reset with: npm run kao -- user reset-password --email ${admin.email})`
          : `first admin: ${admin.email} (password from KAO_ADMIN_PASSWORD)`
        : "",
      "press Ctrl-C to stop",
    ].filter(Boolean);
    const width = Math.max(...lines.map((line) => line.length));
    console.log(`\n┌${"─".repeat(width + 2)}┐\n${lines.map((line) => `│ ${line.padEnd(width)} │`).join("\n")}\n└${"─".repeat(width + 2)}┘\n`);
  } catch (error) {
    console.error(`\nkao could not start: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}
