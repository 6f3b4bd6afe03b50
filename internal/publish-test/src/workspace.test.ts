import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  findSystemNode,
  isNodeModulesBin,
  type PublishedPackage,
  plainEnv,
  plainPath,
  publishedPackages,
  withWorkspaceDependencies,
} from "./workspace.ts";

const scratch = mkdtempSync(join(tmpdir(), "opsbook-workspace-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fake `node` that prints a version, as the real one does for `node -p process.version`. */
function fakeNode(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "node");
  writeFileSync(file, `#!/bin/sh\necho ${version}\n`);
  chmodSync(file, 0o755);
  return dir;
}

describe("publishedPackages", () => {
  it("finds the non-private packages under packages/, with their entry source", () => {
    const found = publishedPackages();
    expect(found.map((p) => p.name)).toContain("@opsbook/plays");
    for (const pkg of found) {
      expect(pkg.name.startsWith("@opsbook/")).toBe(true);
      expect(pkg.source.endsWith(join("src", "index.ts"))).toBe(true);
    }
  });

  it("leaves private packages out", () => {
    const root = join(scratch, "repo");
    for (const [folder, manifest] of [
      ["a", { name: "@x/a", version: "1.0.0", dependencies: { "@x/c": "workspace:^", zod: "^4" } }],
      ["b", { name: "@x/b", version: "1.0.0", private: true }],
    ] as const) {
      mkdirSync(join(root, "packages", folder), { recursive: true });
      writeFileSync(join(root, "packages", folder, "package.json"), JSON.stringify(manifest));
    }
    mkdirSync(join(root, "packages", "no-manifest"), { recursive: true });
    expect(publishedPackages(root).map((p) => [p.name, p.built, p.workspaceDependencies])).toEqual([
      ["@x/a", false, ["@x/c"]],
    ]);
  });

  it("adds the workspace packages a package depends on, recursively, in workspace order", () => {
    const pkg = (name: string, workspaceDependencies: string[]): PublishedPackage => ({
      name,
      version: "0.1.0",
      dir: name,
      source: name,
      built: true,
      workspaceDependencies,
    });
    const all = [
      pkg("core", []),
      pkg("metrics", ["core"]),
      pkg("plays", ["metrics"]),
      pkg("cli", []),
    ];
    expect(withWorkspaceDependencies([all[2]!], all).map((p) => p.name)).toEqual([
      "core",
      "metrics",
      "plays",
    ]);
    expect(withWorkspaceDependencies([all[3]!], all).map((p) => p.name)).toEqual(["cli"]);
  });
});

describe.skipIf(process.platform === "win32")("findSystemNode", () => {
  it("skips node_modules/.bin folders and returns the first other node with its version", () => {
    const pnpmBin = fakeNode(join(scratch, "w", "node_modules", ".bin"), "v24.21.0");
    const system = fakeNode(join(scratch, "usr", "bin"), "v20.19.5");
    const later = fakeNode(join(scratch, "opt", "bin"), "v22.1.0");
    const found = findSystemNode([pnpmBin, join(scratch, "empty"), system, later].join(delimiter));
    expect(found).toEqual({ path: join(system, "node"), version: "v20.19.5", major: 20 });
  });

  it("returns undefined when the only node is pnpm's", () => {
    const pnpmBin = fakeNode(join(scratch, "v", "node_modules", ".bin"), "v24.21.0");
    expect(findSystemNode(pnpmBin)).toBeUndefined();
  });
});

describe("plainPath and plainEnv", () => {
  it("drop node_modules/.bin folders and pnpm's and Vitest's variables", () => {
    expect(isNodeModulesBin("/repo/node_modules/.bin")).toBe(true);
    expect(isNodeModulesBin("/repo/node_modules/.bin/")).toBe(true);
    expect(isNodeModulesBin("/usr/local/bin")).toBe(false);
    const path = ["/repo/node_modules/.bin", "/usr/bin", "/repo/packages/x/node_modules/.bin"].join(
      delimiter,
    );
    expect(plainPath(path)).toBe("/usr/bin");
    const env = plainEnv({
      PATH: path,
      HOME: "/home/me",
      npm_config_user_agent: "pnpm/12",
      NODE_OPTIONS: "--conditions=dev",
      VITEST_WORKER_ID: "1",
    });
    expect(env).toEqual({ PATH: "/usr/bin", HOME: "/home/me" });
  });
});
