import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    include: ["src/**/*.test.ts"],
    // Packing, installing from the npm registry and running attw take minutes, not seconds.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
