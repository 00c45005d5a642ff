import { defineConfig } from "vitest/config";

// Generous timeouts: on a busy 2-core CI machine turbo runs several packages' tests at once.
// (Timeouts catch hangs; no test asserts speed.)
export default defineConfig({ test: { testTimeout: 60_000 } });
