/**
 * What the publishability test needs to know about the workspace and the machine: the packages that
 * get published, the tools at the root, and a Node outside `node_modules/.bin` to import them with.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { delimiter, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const workspaceRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** A binary installed at the root (`publint`, `attw`). */
export const rootBin = (name: string): string => join(workspaceRoot, "node_modules", ".bin", name);

/** A package that `pnpm publish` would publish. */
export interface PublishedPackage {
  name: string;
  version: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** Absolute path of its public entry point's source (`src/index.ts`). */
  source: string;
  /** Whether the build output the package ships (`dist/`) exists. */
  built: boolean;
  /** Runtime dependencies on other workspace packages (`workspace:` ranges). */
  workspaceDependencies: string[];
}

/** Every non-private package under `packages/`, sorted by folder name. */
export function publishedPackages(root: string = workspaceRoot): PublishedPackage[] {
  const packagesDir = join(root, "packages");
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, "package.json")),
    )
    .map((entry) => entry.name)
    .sort()
    .flatMap((folder) => {
      const dir = join(packagesDir, folder);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name: string;
        version: string;
        private?: boolean;
        dependencies?: Record<string, string>;
      };
      if (manifest.private === true) return [];
      return [
        {
          name: manifest.name,
          version: manifest.version,
          dir,
          source: join(dir, "src", "index.ts"),
          built: existsSync(join(dir, "dist")),
          workspaceDependencies: Object.entries(manifest.dependencies ?? {})
            .filter(([, range]) => range.startsWith("workspace:"))
            .map(([name]) => name)
            .sort(),
        },
      ];
    });
}

/** The packages and, recursively, the workspace packages they depend on: what must be installed together. */
export function withWorkspaceDependencies(
  selected: readonly PublishedPackage[],
  all: readonly PublishedPackage[],
): PublishedPackage[] {
  const names = new Set<string>();
  const visit = (pkg: PublishedPackage) => {
    if (names.has(pkg.name)) return;
    names.add(pkg.name);
    for (const dependency of pkg.workspaceDependencies) {
      const found = all.find((candidate) => candidate.name === dependency);
      if (found) visit(found);
    }
  };
  selected.forEach(visit);
  return all.filter((pkg) => names.has(pkg.name));
}

/** True for a PATH entry that is a `node_modules/.bin` folder (where pnpm puts its own Node first). */
export const isNodeModulesBin = (dir: string): boolean =>
  /(^|\/)node_modules\/\.bin\/?$/.test(dir.split(sep).join("/"));

/** PATH without its `node_modules/.bin` folders: what a user's shell has. */
export const plainPath = (path: string = process.env.PATH ?? ""): string =>
  path
    .split(delimiter)
    .filter((dir) => dir !== "" && !isNodeModulesBin(dir))
    .join(delimiter);

/** A Node binary and its version. */
export interface NodeBinary {
  path: string;
  /** `process.version` of that Node, e.g. `"v20.19.5"`. */
  version: string;
  major: number;
}

/**
 * The first `node` on PATH that is not inside a `node_modules/.bin` folder: the machine's own Node
 * (under pnpm, PATH starts with `node_modules/.bin`, where the workspace's newer Node lives).
 */
export function findSystemNode(path: string = process.env.PATH ?? ""): NodeBinary | undefined {
  const executable = process.platform === "win32" ? "node.exe" : "node";
  for (const dir of plainPath(path).split(delimiter)) {
    const candidate = join(dir, executable);
    if (!existsSync(candidate)) continue;
    const result = spawnSync(candidate, ["-p", "process.version"], { encoding: "utf8" });
    const version = result.stdout?.trim() ?? "";
    const major = Number(/^v(\d+)\./.exec(version)?.[1]);
    if (result.status === 0 && Number.isInteger(major)) return { path: candidate, version, major };
  }
  return undefined;
}

/**
 * The environment of a user's shell: no `node_modules/.bin` on PATH and none of the variables pnpm
 * and Vitest set for their child processes (`npm_config_*`, `NODE_OPTIONS`…).
 */
export function plainEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^(npm_|pnpm_|vitest|node_options$|node_path$|tinypool)/i.test(key)) continue;
    clean[key] = value;
  }
  clean.PATH = plainPath(env.PATH ?? "");
  return clean;
}

/** Runs a command and returns its status and combined output. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    timeout: options.timeout ?? 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = [result.stdout, result.stderr, result.error?.message].filter(Boolean).join("\n");
  return { status: result.status, output: `$ ${command} ${args.join(" ")}\n${output}` };
}
