#!/usr/bin/env node
import module from "node:module";

// Node 22.1+ keeps compiled code on disk between runs: a second `opsbook` starts faster. Enabled
// before the CLI's modules are loaded, hence the dynamic import below.
module.enableCompileCache?.();

const { run } = await import("./run.ts");
// The exit code is set, not forced, so that pending output is flushed.
process.exitCode = await run(process.argv.slice(2));
