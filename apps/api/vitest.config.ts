import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// One copy of graphql: the CommonJS build Node (and Pothos) load, not the .mjs Vite would pick.
export default defineConfig({ resolve: { alias: { graphql: require.resolve("graphql") } } });
