import { defineConfig } from "vitest/config";

/** Browser tests of the built site (see test/browser.test.ts); run after `astro build`. */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
