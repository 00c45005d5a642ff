import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Node loads graphql's CommonJS build (the package has no `exports`), while Vite would pick its `.mjs`
 * build; two copies of graphql in one process break `instanceof`. Point Vite at the one Node uses.
 */
export const sharedResolve = { alias: { graphql: require.resolve("graphql") } };
