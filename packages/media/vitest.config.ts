import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The video tests run ffmpeg on a few seconds of generated media; generous for 2-core CI machines.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
