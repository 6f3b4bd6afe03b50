/**
 * The publishability test (issue "Monorepo foundation", item 5): what a developer installing one
 * Opsbook package gets must work. For every package that is published (non-private, under
 * packages/):
 * - publint --strict and attw --pack --profile esm-only find nothing wrong with its package.json,
 *   exports and types;
 * - `pnpm pack` makes its tarball (workspace:^ dependencies become real version ranges);
 * - all tarballs install with plain npm into a fresh project outside the workspace, third-party
 *   dependencies coming from the npm registry;
 * - plain Node 20 — the machine's own Node, not the newer one pnpm puts first on PATH — imports each
 *   package, and it exports exactly the names (and kinds) its src/index.ts exports.
 *
 * The packages must be built first (the root `pnpm test` builds them). Slow by nature: a minute or
 * more, most of it npm install.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findSystemNode,
  type NodeBinary,
  plainEnv,
  publishedPackages,
  rootBin,
  run,
  withWorkspaceDependencies,
} from "./workspace.ts";

// OPSBOOK_PUBLISH_PACKAGES=@opsbook/plays,@opsbook/core limits the run to those packages (while
// working on one package); by default every published package is checked.
const only = process.env.OPSBOOK_PUBLISH_PACKAGES?.split(",").map((name) => name.trim());
const all = publishedPackages();
const packages = all.filter((pkg) => !only || only.includes(pkg.name));
// Installed together: the packages checked and the workspace packages they depend on.
const installedPackages = withWorkspaceDependencies(packages, all).filter((pkg) => pkg.built);
const built = packages.filter((pkg) => pkg.built);
const systemNode = findSystemNode();
const scratch = mkdtempSync(join(tmpdir(), "opsbook-publish-test-"));
const tarballs = join(scratch, "tarballs");
const project = join(scratch, "project");

/** The names a module exports, each with its `typeof` (`function`, `object`…). */
type ExportShape = Record<string, string>;
const shapeOf = (module: Record<string, unknown>): ExportShape =>
  Object.fromEntries(
    Object.keys(module)
      .sort()
      .map((name) => [name, typeof module[name]]),
  );

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("publishable packages", () => {
  it("are discovered under packages/", () => {
    expect(packages.length, `no published package matches ${only?.join(", ")}`).toBeGreaterThan(0);
    if (!only) expect(packages.map((pkg) => pkg.name)).toContain("@opsbook/plays");
  });

  for (const pkg of packages) {
    describe(pkg.name, () => {
      it("is built (run `pnpm build` first; the root `pnpm test` does)", () => {
        expect(pkg.built, `${pkg.name} has no dist/`).toBe(true);
      });

      it("passes publint --strict", () => {
        const result = run(rootBin("publint"), ["--strict"], { cwd: pkg.dir });
        expect(result.status, result.output).toBe(0);
      });

      it("passes attw --pack --profile esm-only", () => {
        const result = run(
          rootBin("attw"),
          ["--pack", "--profile", "esm-only", "--no-emoji", "--no-color"],
          {
            cwd: pkg.dir,
          },
        );
        expect(result.status, result.output).toBe(0);
      });
    });
  }
});

describe("installed from the packed tarballs with plain npm, outside the workspace", () => {
  let installed: { status: number | null; output: string } | undefined;

  beforeAll(() => {
    mkdirSync(tarballs, { recursive: true });
    mkdirSync(project, { recursive: true });
    for (const pkg of installedPackages) {
      const packed = run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: pkg.dir });
      if (packed.status !== 0)
        throw new Error(`pnpm pack failed for ${pkg.name}\n${packed.output}`);
    }
    writeFileSync(
      join(project, "package.json"),
      `${JSON.stringify({ name: "opsbook-install-check", version: "0.0.0", private: true, type: "module" }, null, 2)}\n`,
    );
    const files = readdirSync(tarballs)
      .filter((name) => name.endsWith(".tgz"))
      .map((name) => join(tarballs, name));
    installed = run("npm", ["install", "--no-audit", "--no-fund", ...files], {
      cwd: project,
      env: plainEnv(),
      timeout: 540_000,
    });
  });

  it("packs each package with its workspace dependencies rewritten to version ranges", () => {
    expect(readdirSync(tarballs).filter((name) => name.endsWith(".tgz"))).toHaveLength(
      installedPackages.length,
    );
    for (const pkg of installedPackages) {
      const manifest = JSON.parse(
        readFileSync(join(project, "node_modules", ...pkg.name.split("/"), "package.json"), "utf8"),
      ) as { version: string; dependencies?: Record<string, string> };
      expect(manifest.version).toBe(pkg.version);
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        expect(range, `${pkg.name} → ${dependency}`).not.toMatch(/^workspace:/);
      }
    }
  });

  it("installs every tarball together with npm install (dependencies from the npm registry)", () => {
    expect(installed?.status, installed?.output).toBe(0);
  });

  it("uses the machine's own Node 20 to import them, the oldest Node the packages support", (context) => {
    if (!systemNode) {
      context.skip(
        "no node on PATH outside node_modules/.bin: the packages are imported with the Node running Vitest instead",
      );
      return;
    }
    expect(systemNode.major, `${systemNode.path} is ${systemNode.version}`).toBe(20);
  });

  for (const pkg of built) {
    it(`${pkg.name}: every export of src/index.ts is there when plain Node imports the installed package`, async () => {
      expect(installed?.status, installed?.output).toBe(0);
      const node: NodeBinary = systemNode ?? {
        path: process.execPath,
        version: process.version,
        major: Number(process.versions.node.split(".")[0]),
      };
      const script = join(project, "exports.mjs");
      writeFileSync(
        script,
        [
          "const module = await import(process.argv[2]);",
          "const shape = Object.fromEntries(Object.keys(module).sort().map((name) => [name, typeof module[name]]));",
          "console.log(JSON.stringify({ node: process.version, shape }));",
          "",
        ].join("\n"),
      );
      const imported = run(node.path, [script, pkg.name], { cwd: project, env: plainEnv() });
      expect(imported.status, imported.output).toBe(0);
      const lastLine = imported.output.trim().split("\n").at(-1)!;
      const { node: version, shape } = JSON.parse(lastLine) as { node: string; shape: ExportShape };
      expect(version).toBe(node.version);
      const expected = shapeOf((await import(pkg.source)) as Record<string, unknown>);
      expect(Object.keys(expected).length, `${pkg.name} exports nothing`).toBeGreaterThan(0);
      expect(shape).toEqual(expected);
    });
  }
});
