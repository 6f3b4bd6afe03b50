import { parseArgs } from "node:util";
import packageJson from "../package.json" with { type: "json" };
import { analyzeCommand } from "./commands/analyze.ts";
import { initCommand } from "./commands/init.ts";
import { playsCommand } from "./commands/plays.ts";
import { sampleCommand } from "./commands/sample.ts";
import { simulateCommand } from "./commands/simulate.ts";
import { validateCommand } from "./commands/validate.ts";
import { type ExitCode, exitCodes } from "./exitCodes.ts";
import { type CommandSpec, globalOptions } from "./internal/command.ts";
import { commandHelp, mainHelp } from "./internal/help.ts";
import { type Terminal, terminal, useColour } from "./internal/terminal.ts";
import { CommandError, UsageError } from "./internal/usageError.ts";
import { type CliIo, runInputSchema } from "./schemas.ts";

const commands: readonly CommandSpec[] = [
  playsCommand,
  initCommand,
  validateCommand,
  analyzeCommand,
  simulateCommand,
  sampleCommand,
];

/**
 * Runs the `opsbook` command with the given arguments (what follows `opsbook` on the command line)
 * and returns its exit code (see {@link exitCodes}); the `opsbook` binary is `run` applied to
 * `process.argv.slice(2)`. Output goes to `io.stdout` (results) and `io.stderr` (errors); files are
 * read and written relative to `io.cwd`.
 *
 * Commands:
 * - `plays [--category c] [--stage s] [--lang en|zh-cn] [--json]` — list the plays;
 * - `init <play> [dir] [--lang] [--force]` — copy a play's Markdown and its config into a folder;
 * - `validate <files…> [--lang] [--json]` — check plays (`.md`) and configs (`.yaml`), every problem
 *   with its file, line and column;
 * - `analyze funnel|retention|lifecycle|growth|stickiness|rfm|activation --events <file>` — run an
 *   analysis of `@opsbook/metrics` (RFM: `@opsbook/persona`) on a CSV, TSV, NDJSON or JSON event
 *   export, printed as a table, `--json`, `--csv` or a self-contained `--html` report;
 * - `simulate <config> [--runs n] [--seed s]` — percentiles of the cost and outcomes of a price
 *   book, points programme or referral programme on synthetic populations;
 * - `sample --out <file> [--users n] [--days d] [--seed s] [--format ndjson|csv]` — write the sample
 *   product's events.
 *
 * Every command takes `--help`, `--quiet` and `--no-color`; `opsbook --version` prints the version.
 *
 * @param argv - The command-line arguments, e.g. `["plays", "--json"]`.
 * @param io - Output streams, working folder and environment; default the running process's.
 * @returns The exit code: 0 ok, 1 a problem found, 2 a usage error, 130 interrupted.
 * @throws {@link OpsbookError} `invalid_input` when `argv` is not an array of strings or `io` is
 *   malformed (problems on the command line are reported on `io.stderr` with exit code 2 instead).
 * @category CLI
 * @since 0.1.0
 * @example
 * ```ts
 * import { run } from "@opsbook/cli";
 *
 * let output = "";
 * let errors = "";
 * const io = {
 *   stdout: { write: (text: string) => (output += text) },
 *   stderr: { write: (text: string) => (errors += text) },
 * };
 *
 * await run(["--version"], io) //=> 0
 * output //=> "0.1.0\n"
 *
 * await run(["plays", "--json", "--category", "sales"], io) //=> 2
 * errors.split("\n")[0]
 * //=> 'opsbook plays: unknown category "sales"; expected one of market, acquisition, activation, retention, monetization, ecosystem, data, collaboration, lifecycle, risk, brand, innovation'
 *
 * run([42] as never) //=> throws OpsbookError
 * ```
 */
export async function run(argv: readonly string[], io: CliIo = {}): Promise<ExitCode> {
  const checked = runInputSchema.safeParse([argv, io]);
  if (!checked.success) {
    // Core (and its calendar and money code) is loaded only to throw its error.
    const { validate } = await import("@opsbook/core");
    validate(runInputSchema, [argv, io], { label: "arguments" });
  }
  const [args, given = {}] = checked.data!;
  const env = given.env ?? process.env;
  const stdoutStream = given.stdout ?? process.stdout;
  const stderrStream = given.stderr ?? process.stderr;
  const noColor = args.includes("--no-color");
  const stdout = terminal(stdoutStream, useColour(stdoutStream, env, noColor));
  const stderr = terminal(stderrStream, useColour(stderrStream, env, noColor));
  const cwd = given.cwd ?? process.cwd();

  // The command is the first argument that is not an option (global options are all flags).
  const commandIndex = args.findIndex((arg) => !arg.startsWith("-"));
  const rest = [...args];
  const name = commandIndex === -1 ? undefined : rest.splice(commandIndex, 1)[0];
  try {
    if (name === "help") return main([...rest, "--help"], stdout, stderr);
    if (name === undefined) return main([...args], stdout, stderr);
    const command = commands.find((c) => c.name === name);
    if (!command) {
      throw new UsageError(
        `unknown command "${name}"; the commands are ${commands.map((c) => c.name).join(", ")}`,
      );
    }
    const parsed = parse(command, rest);
    if (parsed.values.help === true) {
      stdout.stream.write(commandHelp(command, stdout.styles));
      return exitCodes.ok;
    }
    const [min, max] = command.positionals;
    if (parsed.positionals.length < min) {
      throw new UsageError(`missing argument; usage: opsbook ${command.usage}`, command.name);
    }
    if (parsed.positionals.length > max) {
      throw new UsageError(
        `unexpected argument "${parsed.positionals[max]}"; usage: opsbook ${command.usage}`,
        command.name,
      );
    }
    return (await command.run({
      options: parsed.values,
      positionals: parsed.positionals,
      stdout,
      stderr,
      cwd,
      quiet: parsed.values.quiet === true,
    })) as ExitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      const where = error.command ? `opsbook ${error.command}` : "opsbook";
      stderr.line(`${stderr.styles.red(`${where}:`)} ${error.message}`);
      stderr.line(stderr.styles.dim(`Run "${where} --help" for usage.`));
      return exitCodes.usage;
    }
    const where = name && commands.some((c) => c.name === name) ? `opsbook ${name}` : "opsbook";
    if (error instanceof CommandError) {
      stderr.line(`${stderr.styles.red(`${where}:`)} ${error.message}`);
      return exitCodes.problem;
    }
    // A bug: say so, with the stack, for the report.
    stderr.line(
      `${stderr.styles.red(`${where}: unexpected error:`)} ${(error as Error)?.stack ?? String(error)}`,
    );
    stderr.line("Please report it at https://github.com/opsbook/opsbook/issues");
    return exitCodes.problem;
  }
}

/** `opsbook`, `opsbook --help`, `opsbook --version`, `opsbook help [command]`. */
function main(args: string[], stdout: Terminal, stderr: Terminal): ExitCode {
  const topic = args.find((arg) => !arg.startsWith("-"));
  if (topic !== undefined) {
    const command = commands.find((c) => c.name === topic);
    if (!command) throw new UsageError(`unknown command "${topic}"`);
    stdout.stream.write(commandHelp(command, stdout.styles));
    return exitCodes.ok;
  }
  const { values } = parseOptions(
    { ...globalOptions, version: { type: "boolean", short: "v", description: "" } },
    args,
    undefined,
  );
  if (values.version === true) {
    stdout.line(packageJson.version);
    return exitCodes.ok;
  }
  if (values.help === true) {
    stdout.stream.write(mainHelp(commands, stdout.styles));
    return exitCodes.ok;
  }
  // No command: the overview goes to stderr, as the answer to a usage error.
  stderr.stream.write(mainHelp(commands, stderr.styles));
  return exitCodes.usage;
}

function parse(command: CommandSpec, args: string[]) {
  return parseOptions({ ...command.options, ...globalOptions }, args, command.name);
}

function parseOptions(
  options: CommandSpec["options"],
  args: string[],
  command: string | undefined,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(options).map(([name, spec]) => [
          name,
          spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    return {
      values: parsed.values as Record<string, string | boolean>,
      positionals: parsed.positionals,
    };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (!code.startsWith("ERR_PARSE_ARGS")) throw error;
    const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new UsageError(`unknown option ${option ?? ""}`.trim(), command);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
      const spec = options[option.replace(/^-+/, "")];
      const expects = spec?.type === "string" ? `a value ${spec.value ?? ""}`.trim() : "no value";
      throw new UsageError(`option ${option} takes ${expects}`, command);
    }
    throw new UsageError((error as Error).message, command);
  }
}
