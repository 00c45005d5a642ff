import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // One copy of graphql: the CommonJS build Node (and Pothos) load, not the .mjs Vite would pick.
  resolve: { alias: { graphql: require.resolve("graphql") } },
  // Property tests run hundreds of cases; on a busy 2-core CI machine, with turbo running several
  // packages' tests at once, 5 s is too tight. (Timeouts catch hangs; no test asserts speed.)
  test: { testTimeout: 60_000 },
});
