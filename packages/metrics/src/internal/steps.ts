import type { EventTable } from "@opsbook/core";

/** A property filter: the property equals the value, or one of the values of an array. */
export type PropertyFilter = Record<
  string,
  string | number | boolean | null | (string | number | boolean | null)[]
>;

/** An event name with optional property filters. */
export interface EventMatcher {
  event: string;
  where?: PropertyFilter | undefined;
}

/** Property keys the matchers read. */
export function filterKeys(matchers: readonly (EventMatcher | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const m of matchers) for (const key of Object.keys(m?.where ?? {})) keys.add(key);
  return [...keys];
}

function matchesValue(value: unknown, expected: PropertyFilter[string]): boolean {
  if (Array.isArray(expected)) return expected.some((v) => Object.is(v, value) || v === value);
  return expected === value || (expected === null && value === undefined);
}

/**
 * Bit masks of the matchers (bit `s` for matcher `s`, at most 32): `byCode[code]` holds the
 * matchers an event code satisfies by name alone, and `filtered` the matchers that also need their
 * property filters checked per row (`rowMatches`). Precomputing by event code keeps the hot loops
 * to one typed-array load per row.
 */
export interface CompiledMatchers {
  byCode: Uint32Array;
  filtered: number;
  rowMask(row: number, code: number): number;
}

export function compileMatchers(
  table: EventTable,
  matchers: readonly EventMatcher[],
): CompiledMatchers {
  const names = table.eventNames.length;
  const byCode = new Uint32Array(Math.max(1, names));
  let filtered = 0;
  const filters: { bit: number; columns: [unknown[], PropertyFilter[string]][] }[] = [];
  matchers.forEach((m, s) => {
    const code = table.eventCode(m.event);
    if (code < 0) return;
    byCode[code]! |= 1 << s;
    const where = Object.entries(m.where ?? {});
    if (where.length > 0) {
      filtered |= 1 << s;
      filters.push({
        bit: 1 << s,
        columns: where.map(([key, expected]) => [table.property(key) ?? [], expected]),
      });
    }
  });
  const rowMask = (row: number, code: number): number => {
    let mask = byCode[code]!;
    if ((mask & filtered) === 0) return mask;
    for (const f of filters) {
      if ((mask & f.bit) === 0) continue;
      for (const [column, expected] of f.columns) {
        if (!matchesValue(column[row], expected)) {
          mask &= ~f.bit;
          break;
        }
      }
    }
    return mask;
  };
  return { byCode, filtered, rowMask };
}
