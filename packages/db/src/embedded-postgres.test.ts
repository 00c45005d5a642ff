import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const moduleUrl = new URL("./embedded-postgres.ts", import.meta.url).href;
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

// Each test starts a Node process with tsx: seconds on a busy 2-core machine.
describe("loadEmbeddedPostgres", { timeout: 60_000 }, () => {
  it("keeps the process's exit status (the package's exit hook would force 0)", () => {
    const script = `import(${JSON.stringify(moduleUrl)}).then((m) => m.loadEmbeddedPostgres()).then(() => { process.exitCode = 3; });`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(3);
  });

  it("leaves SIGINT to the caller", () => {
    const script = `import(${JSON.stringify(moduleUrl)}).then((m) => m.loadEmbeddedPostgres()).then(() => { console.log(process.listenerCount("SIGINT"), process.listenerCount("beforeExit")); });`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
    expect(result.stdout.trim()).toBe("0 0");
  });
});
