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
    // Next.js 15.5 now and then never applies a client navigation or a router.refresh() on a busy
    // machine (see support/browser.ts followLink; vercel/next.js#98305, fixed in Next 16): a test that
    // hits it is retried. A real failure fails every attempt. The fix is the Next 16 upgrade.
    retry: 2,
  },
});
