import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The tests in test/ spawn the built binary, dist/cli.js: build it first when it is stale.
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 20_000,
  },
});
