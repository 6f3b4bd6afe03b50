import { OpsbookError } from "@opsbook/core";

/**
 * Checks a rectangular matrix of finite numbers with at least one row and one column, throwing an
 * `OpsbookError` that names the first bad cell.
 */
export function checkMatrix(rows: unknown, name: string): number[][] {
  if (!Array.isArray(rows))
    throw new OpsbookError("invalid_input", `${name}: expected an array of rows`, [name]);
  if (rows.length === 0)
    throw new OpsbookError("invalid_input", `${name}: expected at least one row, received none`, [
      name,
    ]);
  const width = Array.isArray(rows[0]) ? rows[0].length : 0;
  if (width === 0)
    throw new OpsbookError("invalid_input", `${name}[0]: expected a non-empty array of numbers`, [
      name,
      0,
    ]);
  rows.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== width)
      throw new OpsbookError(
        "invalid_input",
        `${name}[${i}]: expected an array of ${width} numbers like the first row`,
        [name, i],
      );
    row.forEach((v: unknown, j) => {
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new OpsbookError(
          "invalid_input",
          `${name}[${i}][${j}]: expected a finite number, received ${String(v)}`,
          [name, i, j],
        );
    });
  });
  return rows as number[][];
}

/** Squared Euclidean distance. */
export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) {
    const d = (a[j] as number) - (b[j] as number);
    s += d * d;
  }
  return s;
}
