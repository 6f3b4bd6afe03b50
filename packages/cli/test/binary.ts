/**
 * Runs the built `opsbook` binary (`dist/cli.js`) as a user does: a separate Node process, with its
 * arguments, a working folder and an environment. The root `pnpm test` builds the packages first;
 * when `dist/cli.js` is missing or older than a source file, `ensureBuilt` builds it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = fileURLToPath(new URL("../", import.meta.url));
export const binary = join(packageDir, "dist", "cli.js");
export const fixtures = join(packageDir, "test", "fixtures");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the package when its `dist/cli.js` is missing or older than its sources. */
export function ensureBuilt(): void {
  const sources = Math.max(
    newestSource(join(packageDir, "src")),
    statSync(join(packageDir, "package.json")).mtimeMs,
  );
  if (existsSync(binary) && statSync(binary).mtimeMs >= sources) return;
  const build = spawnSync("pnpm", ["run", "build"], { cwd: packageDir, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed\n${build.stdout}\n${build.stderr}`);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a plain terminal-less run: no colour variables inherited. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

/**
 * The Node that runs the binary: the machine's own `node` (the first on PATH outside a
 * `node_modules/.bin` folder, where pnpm puts the workspace's newer Node), as a user's shell finds
 * it, when it is at least 20.19, the oldest the package supports; else the Node running the tests.
 */
export const nodeForBinary: string = (() => {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "" || /node_modules[\\/]\.bin[\\/]?$/.test(dir)) continue;
    const candidate = join(dir, process.platform === "win32" ? "node.exe" : "node");
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ["-p", "process.versions.node"], { encoding: "utf8" });
    const [major = 0, minor = 0] = (version.stdout ?? "").trim().split(".").map(Number);
    if (version.status === 0 && (major > 20 || (major === 20 && minor >= 19))) return candidate;
    break;
  }
  return process.execPath;
})();

/** Runs `opsbook <args>` in `cwd` and waits for it to exit. */
export function opsbook(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; node?: string } = {},
): CliResult {
  const result = spawnSync(options.node ?? nodeForBinary, [binary, ...args], {
    cwd: options.cwd ?? packageDir,
    env: cleanEnv(options.env),
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
