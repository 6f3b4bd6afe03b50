import type { Terminal } from "./terminal.ts";

/** An option of a command, as `node:util` `parseArgs` takes it, with its help line. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder of the value in help, e.g. `<n>`. */
  value?: string;
  description: string;
}

/** What a command gets: its parsed options and positionals, and where to write. */
export interface CommandContext {
  options: Record<string, string | boolean | undefined>;
  positionals: string[];
  stdout: Terminal;
  stderr: Terminal;
  cwd: string;
  quiet: boolean;
}

/** One `opsbook` command: its help and its implementation. */
export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage line after `opsbook `. */
  usage: string;
  /** Paragraphs after the usage line. */
  description: string;
  /** Positional arguments accepted: [min, max]. */
  positionals: readonly [number, number];
  options: Record<string, OptionSpec>;
  /** Example command lines with a comment each. */
  examples: readonly (readonly [command: string, comment: string])[];
  run(context: CommandContext): Promise<number>;
}

/** The options every command accepts. */
export const globalOptions: Record<string, OptionSpec> = {
  help: { type: "boolean", short: "h", description: "Show help for the command." },
  quiet: {
    type: "boolean",
    short: "q",
    description: "Print only results and errors, no progress or summary lines.",
  },
  "no-color": { type: "boolean", description: "Never colour the output (as NO_COLOR=1 does)." },
};
