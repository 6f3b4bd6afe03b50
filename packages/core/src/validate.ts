import type { z } from "zod";
import {
  describeValue,
  formatPath,
  OpsbookError,
  type OpsbookErrorCode,
  type OpsbookIssue,
} from "./errors.ts";

/**
 * Options of {@link validate}.
 *
 * @category Errors
 * @since 0.1.0
 */
export interface ValidateOptions {
  /** Path of the input inside a larger value, prepended to every issue path (e.g. `["options"]`). */
  path?: (string | number)[];
  /** Name of the input, used in messages about the root value and in the error's first line. */
  label?: string;
}

/** Zod's issue shape, narrowed to the fields read here (zod 4 `$ZodIssue`). */
type ZodIssue = z.core.$ZodIssue;

function bound(
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  over: boolean,
) {
  const op = over ? (inclusive ? "≤" : "<") : inclusive ? "≥" : ">";
  switch (origin) {
    case "string":
      return `string of length ${op} ${limit}`;
    case "array":
    case "set":
      return `${origin} with ${op} ${limit} items`;
    case "date":
      return `date ${op} ${new Date(Number(limit)).toISOString()}`;
    case "int":
      return `integer ${op} ${limit}`;
    default:
      return `${origin} ${op} ${limit}`;
  }
}

function expectedOf(issue: ZodIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "int" ? "integer" : issue.expected;
    case "too_big":
      return bound(issue.origin, issue.maximum, issue.inclusive, true);
    case "too_small":
      return bound(issue.origin, issue.minimum, issue.inclusive, false);
    case "invalid_format":
      return issue.format === "regex" && issue.pattern
        ? `string matching ${issue.pattern}`
        : `${issue.format} string`;
    case "not_multiple_of":
      return `multiple of ${issue.divisor}`;
    case "invalid_value":
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return "no other keys";
    case "custom":
      return typeof issue.params?.expected === "string" ? issue.params.expected : undefined;
    default:
      return undefined;
  }
}

function codeOf(issue: ZodIssue): OpsbookErrorCode {
  if (issue.code === "custom") {
    const code = issue.params?.code;
    if (
      code === "invalid_input" ||
      code === "out_of_range" ||
      code === "not_found" ||
      code === "conflict" ||
      code === "unsupported"
    )
      return code;
    return "invalid_input";
  }
  if (issue.code === "too_big" || issue.code === "too_small" || issue.code === "not_multiple_of")
    return "out_of_range";
  return "invalid_input";
}

function flatten(
  issue: ZodIssue,
  prefix: PropertyKey[],
): Array<{ issue: ZodIssue; path: PropertyKey[] }> {
  const path = [...prefix, ...issue.path];
  // A union that matched no option: report the option that got furthest (most specific path),
  // or the union itself when every option failed at its root.
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    let best: ZodIssue[] | undefined;
    let depth = 0;
    for (const option of issue.errors) {
      const d = Math.max(0, ...option.map((i) => i.path.length));
      if (d > depth) {
        depth = d;
        best = option;
      }
    }
    if (best) return best.flatMap((i) => flatten(i, path));
  }
  if (
    (issue.code === "invalid_key" || issue.code === "invalid_element") &&
    issue.issues.length > 0
  ) {
    return issue.issues.flatMap((i) => flatten(i, path));
  }
  return [{ issue, path }];
}

function toIssue(issue: ZodIssue, path: PropertyKey[], label: string | undefined): OpsbookIssue {
  const clean = path.map((k) => (typeof k === "symbol" ? String(k) : k));
  const where = formatPath(clean) || label || "input";
  const expected = expectedOf(issue);
  const hasInput = "input" in issue;
  let received: string | undefined;
  if (issue.code === "custom" && typeof issue.params?.received === "string") {
    received = issue.params.received;
  } else if (issue.code === "unrecognized_keys") {
    received = `key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
  } else if (hasInput) {
    received = describeValue(issue.input);
  }
  let message: string;
  if (issue.code === "custom") {
    // Custom checks write their own sentence; keep it and add what was received.
    message = `${where}: ${issue.message}${received && !issue.message.includes("received") ? `, received ${received}` : ""}`;
  } else if (expected !== undefined && received !== undefined) {
    message = `${where}: expected ${expected}, received ${received}`;
  } else {
    message = `${where}: ${issue.message}`;
  }
  const out: OpsbookIssue = { code: codeOf(issue), path: clean, message };
  if (expected !== undefined) out.expected = expected;
  if (received !== undefined) out.received = received;
  return out;
}

/**
 * Converts zod issues to Opsbook issues (paths prefixed, messages readable).
 *
 * @param issues - Issues of a failed zod parse.
 * @param options - Path prefix and label, as in {@link validate}.
 * @returns One Opsbook issue per leaf problem.
 * @category Errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { toOpsbookIssues } from "@opsbook/core";
 * import { z } from "zod";
 *
 * const result = z.object({ n: z.number() }).safeParse({ n: "1" }, { reportInput: true });
 * toOpsbookIssues(result.error?.issues ?? [], { path: ["options"] }).map((i) => i.message)
 * //=> ['options.n: expected number, received string "1"']
 * ```
 */
export function toOpsbookIssues(
  issues: readonly z.core.$ZodIssue[],
  options: ValidateOptions = {},
): OpsbookIssue[] {
  const prefix = options.path ?? [];
  return issues.flatMap((issue) =>
    flatten(issue, prefix).map((leaf) => toIssue(leaf.issue, leaf.path, options.label)),
  );
}

/**
 * Parses `input` with a zod schema and returns the parsed value, or throws one
 * {@link OpsbookError} that lists every problem with its dotted path, what was expected and what
 * was received. Public entry points of every Opsbook package validate their input with it.
 *
 * @param schema - A zod 4 schema.
 * @param input - The value to check.
 * @param options - `path` of the input inside a larger value and a `label` for messages.
 * @returns The schema's output (defaults applied, transforms run).
 * @throws {@link OpsbookError} `invalid_input` or `out_of_range` when the input does not match.
 * @category Errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { validate } from "@opsbook/core";
 * import { z } from "zod";
 *
 * const schema = z.object({ users: z.number().int().min(1), name: z.string() });
 * validate(schema, { users: 10, name: "demo" }) //=> { users: 10, name: "demo" }
 *
 * let message = "";
 * try {
 *   validate(schema, { users: 0, name: 7 }, { label: "options" });
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message
 * //=> "Invalid options (2 problems):\n- users: expected number ≥ 1, received number 0\n- name: expected string, received number 7"
 * validate(schema, null) //=> throws OpsbookError
 * ```
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: ValidateOptions = {},
): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw OpsbookError.fromIssues(toOpsbookIssues(result.error.issues, options), options.label);
}
