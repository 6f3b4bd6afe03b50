import { UsageError } from "./usageError.ts";

/** Checks an option's value against its allowed values (undefined when the option is absent). */
export function oneOf<T extends string>(
  command: string,
  option: string,
  value: string | boolean | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as T;
  const noun = option === "lang" ? "language" : option;
  throw new UsageError(
    `unknown ${noun} "${value}"; expected one of ${allowed.join(", ")}`,
    command,
  );
}
