import { defineConfig } from "vitest/config";
import { sharedResolve } from "./vitest.shared.ts";

export default defineConfig({
  resolve: sharedResolve,
  test: {
    include: ["e2e/**/*.test.ts"],
    globalSetup: ["support/global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // Each file starts real servers (and a browser); on small machines they are faster one at a time.
    fileParallelism: false,
  },
});
