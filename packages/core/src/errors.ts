/**
 * What kind of problem an {@link OpsbookError} reports. Lower snake case, stable across versions:
 * - `invalid_input`: the value has the wrong type or shape;
 * - `out_of_range`: the value has the right type but lies outside the accepted range;
 * - `not_found`: a named thing (a currency, a time zone, a key) does not exist;
 * - `conflict`: values that must agree do not (two currencies in one sum);
 * - `unsupported`: the request is valid but this operation does not do it (`P1M` in milliseconds).
 *
 * @category Errors
 * @since 0.1.0
 */
export type OpsbookErrorCode =
  | "invalid_input"
  | "out_of_range"
  | "not_found"
  | "conflict"
  | "unsupported";

/**
 * One problem found in an input, located by its path.
 *
 * @category Errors
 * @since 0.1.0
 */
export interface OpsbookIssue {
  /** Kind of problem. */
  code: OpsbookErrorCode;
  /** Keys and indices from the input's root to the offending value, as zod reports them. */
  path: (string | number)[];
  /** Readable sentence that starts with the dotted path, e.g. `events[3].timestamp: expected …`. */
  message: string;
  /** What was expected, in words (`"string"`, `"integer ≥ 0"`). */
  expected?: string;
  /** A short description of what was received (`number 3.5`, `string "yesterday"`). */
  received?: string;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a path of keys and indices the way it is written in JavaScript: indices in brackets,
 * identifier keys after dots, other keys as quoted strings in brackets.
 *
 * @param path - Keys and indices from the root, as in a zod issue.
 * @returns The dotted path, or `""` for the root.
 * @category Errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { formatPath } from "@opsbook/core";
 *
 * formatPath(["events", 3, "timestamp"]) //=> "events[3].timestamp"
 * formatPath([0, "properties", "plan name"]) //=> '[0].properties["plan name"]'
 * formatPath([]) //=> ""
 * ```
 */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "symbol") out += `[${String(key)}]`;
    else if (identifier.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Options of the {@link OpsbookError} constructor. */
export interface OpsbookErrorOptions {
  /** Every problem found; defaults to one issue built from the code, message and path. */
  issues?: OpsbookIssue[];
  /** The error that led to this one. */
  cause?: unknown;
}

/**
 * The error every Opsbook package throws for bad input or an impossible request. It carries a
 * machine-readable `code`, the `path` of the first problem, and `issues` with every problem found,
 * so that a caller can show them all at once.
 *
 * @category Errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { OpsbookError } from "@opsbook/core";
 *
 * const error = new OpsbookError("out_of_range", "amount: expected ≥ 0, received -1", ["amount"]);
 * error.name //=> "OpsbookError"
 * error.code //=> "out_of_range"
 * error.issues.length //=> 1
 * error instanceof Error //=> true
 * ```
 */
export class OpsbookError extends Error {
  override readonly name = "OpsbookError" as const;
  /** Kind of the first problem. */
  readonly code: OpsbookErrorCode;
  /** Path of the first problem. */
  readonly path: (string | number)[];
  /** Every problem found, in input order. */
  readonly issues: OpsbookIssue[];

  /**
   * @param code - Kind of problem.
   * @param message - Readable message; include the dotted path of the offending value.
   * @param path - Keys and indices of the offending value (default: the root).
   * @param options - Further issues and the cause.
   */
  constructor(
    code: OpsbookErrorCode,
    message: string,
    path: (string | number)[] = [],
    options: OpsbookErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = path;
    this.issues = options.issues ?? [{ code, path, message }];
  }

  /**
   * Builds one error from a list of issues: the first issue gives `code` and `path`, and the
   * message lists every issue on its own line.
   *
   * @param issues - At least one issue.
   * @param subject - What was being checked, used in the first line (default `"input"`).
   * @returns The error, ready to throw.
   * @example
   * ```ts
   * import { OpsbookError } from "@opsbook/core";
   *
   * const error = OpsbookError.fromIssues([
   *   { code: "invalid_input", path: ["a"], message: "a: expected string, received number 1" },
   *   { code: "out_of_range", path: ["b"], message: "b: expected ≥ 0, received number -2" },
   * ], "options");
   * error.message
   * //=> "Invalid options (2 problems):\n- a: expected string, received number 1\n- b: expected ≥ 0, received number -2"
   * error.code //=> "invalid_input"
   * ```
   */
  static fromIssues(issues: OpsbookIssue[], subject = "input"): OpsbookError {
    const first = issues[0];
    if (!first) return new OpsbookError("invalid_input", `Invalid ${subject}`, [], { issues: [] });
    const message =
      issues.length === 1
        ? first.message
        : `Invalid ${subject} (${issues.length} problems):\n${issues.map((i) => `- ${i.message}`).join("\n")}`;
    return new OpsbookError(first.code, message, first.path, { issues });
  }
}

/**
 * Describes a received value briefly for an error message: its type and, for short primitives,
 * its value (`number NaN`, `string "yesterday"`, `Date Invalid Date`, `array`, `null`).
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  if (typeof value === "bigint") return `bigint ${value}n`;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "Date Invalid Date" : `Date ${value.toISOString()}`;
  if (Array.isArray(value)) return "array";
  if (typeof value === "function") return "function";
  if (typeof value === "symbol") return "symbol";
  return "object";
}

/**
 * Builds the issue for one bad value and its message `path: expected X, received Y`.
 *
 * @internal
 */
export function issueOf(
  code: OpsbookErrorCode,
  path: (string | number)[],
  expected: string,
  value: unknown,
  detail?: string,
): OpsbookIssue {
  const where = formatPath(path) || "input";
  const received = describeValue(value);
  const message = `${where}: expected ${expected}, received ${received}${detail ? ` (${detail})` : ""}`;
  return { code, path, message, expected, received };
}

/**
 * Throws an {@link OpsbookError} for one bad value.
 *
 * @internal
 */
export function fail(
  code: OpsbookErrorCode,
  path: (string | number)[],
  expected: string,
  value: unknown,
  detail?: string,
): never {
  throw OpsbookError.fromIssues([issueOf(code, path, expected, value, detail)]);
}
