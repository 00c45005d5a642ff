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
    // One retry for a busy CI machine (2 cores running web, API, worker, Postgres and Chromium); vitest
    // prints "(retry x1)" beside such a test, so flakiness stays visible. Next 15.5's dropped refreshes
    // (vercel/next.js#98305), the reason this was 2, are gone with Next 16.
    retry: 1,
  },
});
