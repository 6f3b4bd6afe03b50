/**
 * The exit codes of the `opsbook` command, by meaning. Scripts and CI can rely on them:
 *
 * - `ok` (0): the command did what was asked;
 * - `problem` (1): the command ran and found a problem — a play or config that does not validate;
 *   an event file with malformed rows, bad times, an encoding other than UTF-8 or missing columns —
 *   or failed while working (a file that could not be written);
 * - `usage` (2): the command line is wrong — an unknown command or option, a missing or invalid
 *   argument, an unknown play, a file that cannot be read, a file that `init` would overwrite
 *   without `--force`, a config of a kind `simulate` cannot run;
 * - `interrupted` (130): stopped by Ctrl-C (SIGINT) or SIGTERM before it finished; no partial output
 *   file is left behind.
 *
 * @category CLI
 * @since 0.1.0
 * @example
 * ```ts
 * import { exitCodes } from "@opsbook/cli";
 *
 * exitCodes //=> { ok: 0, problem: 1, usage: 2, interrupted: 130 }
 * Object.isFrozen(exitCodes) //=> true
 * ```
 */
export const exitCodes = Object.freeze({ ok: 0, problem: 1, usage: 2, interrupted: 130 } as const);

/**
 * One of the {@link exitCodes}.
 *
 * @category CLI
 * @since 0.1.0
 * @example
 * ```ts
 * import { type ExitCode, exitCodes } from "@opsbook/cli";
 *
 * const code: ExitCode = exitCodes.usage;
 * code //=> 2
 * ```
 */
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
