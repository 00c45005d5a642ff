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
    // Next.js client navigations in headless Chromium are now and then dropped (see support/browser.ts
    // followLink); one retry keeps CI honest about real failures while that is being tracked down.
    retry: 1,
  },
});
