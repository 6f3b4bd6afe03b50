import { type CommandSpec, globalOptions, type OptionSpec } from "./command.ts";
import type { Styles } from "./terminal.ts";

function optionLines(options: Record<string, OptionSpec>, styles: Styles): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.value ? ` ${spec.value}` : ""}`;
    return [flag, spec.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${styles.cyan(flag.padEnd(width))}  ${text}`);
}

/** The `--help` text of a command. */
export function commandHelp(command: CommandSpec, styles: Styles): string {
  const lines = [
    `${styles.bold("Usage:")} opsbook ${command.usage}`,
    "",
    command.description,
    "",
    styles.bold("Options:"),
    ...optionLines({ ...command.options, ...globalOptions }, styles),
    "",
    styles.bold("Examples:"),
    ...command.examples.flatMap(([line, comment]) => [
      `  ${styles.dim(`# ${comment}`)}`,
      `  opsbook ${line}`,
    ]),
    "",
    exitCodeHelp(styles),
  ];
  return `${lines.join("\n")}\n`;
}

/** The `opsbook --help` text. */
export function mainHelp(commands: readonly CommandSpec[], styles: Styles): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = [
    `${styles.bold("Usage:")} opsbook <command> [options]`,
    "",
    "Product-operations plays from the command line: list them, copy one into your project,",
    "validate your edited copies, analyze your own event exports, simulate a programme's cost,",
    "and write sample product data to try them on.",
    "",
    styles.bold("Commands:"),
    ...commands.map((c) => `  ${styles.cyan(c.name.padEnd(width))}  ${c.summary}`),
    "",
    styles.bold("Options:"),
    ...optionLines(
      {
        ...globalOptions,
        version: { type: "boolean", short: "v", description: "Print the version." },
      },
      styles,
    ),
    "",
    styles.bold("Examples:"),
    `  ${styles.dim("# List the plays for a product in its growth stage")}`,
    "  opsbook plays --stage growth",
    `  ${styles.dim("# Help for one command")}`,
    "  opsbook init --help",
    "",
    exitCodeHelp(styles),
    "",
    "Colours are used only on a terminal, never when NO_COLOR is set. Docs: https://opsbook.dev",
  ];
  return `${lines.join("\n")}\n`;
}

function exitCodeHelp(styles: Styles): string {
  return [
    styles.bold("Exit codes:"),
    "  0  success",
    "  1  a problem was found: a play or config does not validate; an event file has bad rows,",
    "     a bad encoding or missing columns; or a file could not be written",
    "  2  usage error: unknown command or option, bad argument, unknown play, unreadable file,",
    "     a file init would overwrite without --force, or a config simulate cannot run",
    "  130  interrupted (Ctrl-C); no partial output file is left",
  ].join("\n");
}
