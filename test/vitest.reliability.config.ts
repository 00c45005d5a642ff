import { defineConfig } from "vitest/config";
import { sharedResolve } from "./vitest.shared.ts";

/**
 * Reliability and security: faults (killed workers, restarted Postgres, full disks), hostile input and the
 * authorisation matrix. Files start their own processes and databases, so they run one at a time.
 */
export default defineConfig({
  resolve: sharedResolve,
  test: {
    include: ["reliability/**/*.test.ts"],
    globalSetup: ["support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
