import { defineConfig } from "vitest/config";

/** Browser tests of the built site (see test/browser.test.ts); run after `astro build`. */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One preview server and one Chromium for all files (see test/globalSetup.ts).
    globalSetup: ["test/globalSetup.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
