import { z } from "zod";

/**
 * Where the CLI writes: anything with a `write(text)` method, such as `process.stdout`. `isTTY` and
 * `columns` tell whether it is a terminal (colours, table width).
 *
 * @category CLI
 * @since 0.1.0
 * @example
 * ```ts
 * import type { CliStream } from "@opsbook/cli";
 *
 * const chunks: string[] = [];
 * const stream: CliStream = { write: (text) => chunks.push(text) };
 * stream.write("hello\n");
 * chunks //=> ["hello\n"]
 * ```
 */
export interface CliStream {
  write(text: string): unknown;
  /** True when the stream is a terminal: colours are used (unless `NO_COLOR` is set). */
  isTTY?: boolean;
  /** The terminal's width in columns; long table cells are cut to it. */
  columns?: number;
}

/**
 * The outside world of one {@link run}: output streams, working folder and environment. Every field
 * is optional and defaults to the running process's (`process.stdout`, `process.stderr`,
 * `process.cwd()`, `process.env`).
 *
 * @category CLI
 * @since 0.1.0
 * @example
 * ```ts
 * import type { CliIo } from "@opsbook/cli";
 *
 * const output: string[] = [];
 * const io: CliIo = {
 *   stdout: { write: (text) => output.push(text) },
 *   env: { NO_COLOR: "1" },
 * };
 * Object.keys(io) //=> ["stdout", "env"]
 * ```
 */
export interface CliIo {
  stdout?: CliStream;
  stderr?: CliStream;
  /** The folder relative paths are resolved against. */
  cwd?: string;
  /** Environment variables read: `NO_COLOR`, `FORCE_COLOR`. */
  env?: Readonly<Record<string, string | undefined>>;
}

const streamSchema = z.custom<CliStream>(
  (value) => typeof (value as { write?: unknown } | null)?.write === "function",
  { error: "expected a stream with a write(text) method" },
);

/** Validates the arguments of `run`. */
export const runInputSchema = z.tuple([
  z.array(z.string()).readonly(),
  z
    .strictObject({
      stdout: streamSchema.optional(),
      stderr: streamSchema.optional(),
      cwd: z.string().min(1).optional(),
      env: z.record(z.string(), z.string().optional()).optional(),
    })
    .optional(),
]);

/** A whole number written in decimal, such as `"2000"` or `"10_000"`. */
export const countArgument = (name: string) =>
  z
    .string()
    .regex(/^\d+(?:_\d+)*$/, { error: `--${name}: expected a whole number such as 1000` })
    .transform((value) => Number(value.replaceAll("_", "")));

/** A seed: an integer is used as a number, anything else as a string seed. */
export const seedArgument = z
  .string()
  .min(1, { error: "--seed: expected a number or a word" })
  .transform((value) => (/^-?\d{1,15}$/.test(value) ? Number(value) : value));

/** The file formats `opsbook sample` writes. */
export const sampleFormatValues = ["ndjson", "csv"] as const;

export const sampleFormatArgument = z.enum(sampleFormatValues, {
  error: `--format: expected one of ${sampleFormatValues.join(", ")}`,
});
