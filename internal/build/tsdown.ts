import { defineConfig, type UserConfig } from "tsdown";

/**
 * The build of every published domain package: one ESM entry with declarations, isomorphic
 * (platform "neutral", so no Node built-ins slip in), `.js` extensions. A package passes overrides
 * only where it differs (the CLI, for one, builds for Node).
 */
export function libraryConfig(overrides: UserConfig = {}): UserConfig {
  return defineConfig({
    entry: ["src/index.ts"],
    format: "esm",
    platform: "neutral",
    target: "es2022",
    dts: true,
    sourcemap: true,
    clean: true,
    fixedExtension: false,
    ...overrides,
  });
}
