import { defineConfig } from "vitest/config";
import { sharedResolve } from "./vitest.shared.ts";

export default defineConfig({
  resolve: sharedResolve,
  test: {
    include: ["integration/**/*.test.ts"],
    globalSetup: ["support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Files share one Postgres; each seeds unique rows, so they may run in parallel.
    fileParallelism: true,
  },
});
