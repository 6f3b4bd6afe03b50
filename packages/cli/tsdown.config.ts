import { libraryConfig } from "@opsbook/internal-build/tsdown";

// The CLI runs in Node: it reads and writes files. `src/cli.ts` is the `opsbook` binary (its
// `#!/usr/bin/env node` line is kept by the bundler); `src/index.ts` is the programmatic API.
export default libraryConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  platform: "node",
});
