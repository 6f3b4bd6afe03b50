const known = new Set<string>(["UTC"]);

/** True when `Intl` accepts the name as a time zone (results cached). */
export function isTimeZone(name: unknown): boolean {
  if (typeof name !== "string") return false;
  if (known.has(name)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
  } catch {
    return false;
  }
  known.add(name);
  return true;
}
