/**
 * Runs the benchmarks: every `bench/*.bench.ts` at the repository root and in each package
 * (`packages/<name>/bench/*.bench.ts`), one child process each, in name order. Benchmarks import
 * the built packages (`dist/`), so run them through `pnpm bench`, which builds first.
 *
 *   node bench/run.ts                     every benchmark
 *   node bench/run.ts eventTable          those whose path contains "eventTable"
 *   node bench/run.ts bench/x.bench.ts    an explicit list of files
 *
 * Node ≥ 22.18 runs the TypeScript files directly (type stripping); each child gets `--expose-gc`
 * (so benchmarks can settle the heap between runs) and a 6 GB old space.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

function benchFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".bench.ts"))
    .map((name) => join(dir, name));
}

function discover(): string[] {
  const files = benchFiles(join(root, "bench"));
  const packages = join(root, "packages");
  for (const name of existsSync(packages) ? readdirSync(packages).sort() : []) {
    files.push(...benchFiles(join(packages, name, "bench")));
  }
  return files.sort((a, b) => relative(root, a).localeCompare(relative(root, b)));
}

const args = process.argv.slice(2);
const explicit = args.filter((arg) => arg.endsWith(".ts")).map((arg) => resolve(arg));
const filters = args.filter((arg) => !arg.endsWith(".ts"));
const files =
  explicit.length > 0
    ? explicit
    : discover().filter((file) => filters.every((f) => relative(root, file).includes(f)));

if (files.length === 0) {
  console.error(`No benchmark matched ${args.join(" ") || "bench/*.bench.ts"}.`);
  process.exit(1);
}

const failed: string[] = [];
for (const file of files) {
  const name = relative(root, file);
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=6144", file], {
    stdio: "inherit",
    cwd: root,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 0) console.log(`✔ ${name} (${seconds} s)`);
  else {
    console.log(`✘ ${name} failed (exit ${result.status ?? result.signal}, ${seconds} s)`);
    failed.push(name);
  }
}
console.log(`\n${files.length - failed.length} of ${files.length} benchmarks ran.`);
if (failed.length > 0) process.exit(1);
