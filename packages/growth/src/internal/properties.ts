/** Reads a dotted path (`order.total`) from a plain object; `undefined` when any step is missing. */
export function readPath(source: Record<string, unknown> | undefined, path: string): unknown {
  if (source === undefined) return undefined;
  if (!path.includes(".")) return source[path];
  let current: unknown = source;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
