import { OpsbookError } from "@opsbook/core";

/**
 * Ulwick's opportunity score of a job to be done or desired outcome:
 * `importance + max(importance − satisfaction, 0)`. Importance and satisfaction are on his 0–10
 * scale, so the score runs from 0 to 20; an unmet need (satisfaction below importance) counts its
 * gap a second time, an overserved one counts only its importance.
 *
 * Source: A. W. Ulwick, "Turn Customer Input into Innovation", Harvard Business Review, January
 * 2002, and *What Customers Want* (McGraw-Hill, 2005), the "opportunity algorithm".
 *
 * @param importance - Importance, 0–10.
 * @param satisfaction - Satisfaction with current solutions, 0–10.
 * @returns The opportunity score, 0–20.
 * @throws {@link OpsbookError} `out_of_range` when a measure is outside 0–10 or not finite.
 * @category Personas
 * @since 0.1.0
 * @example
 * ```ts
 * import { opportunityScore } from "@opsbook/persona";
 *
 * opportunityScore(8, 4) //=> 12
 * opportunityScore(5, 9) //=> 5
 * opportunityScore(12, 4) //=> throws OpsbookError
 * ```
 */
export function opportunityScore(importance: number, satisfaction: number): number {
  for (const [name, value] of [
    ["importance", importance],
    ["satisfaction", satisfaction],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value > 10)
      throw new OpsbookError(
        "out_of_range",
        `${name}: expected a number from 0 to 10 (Ulwick's scale), received ${value}`,
        [name],
      );
  }
  // Rounded to 10 decimals so that 8.1 + (8.1 − 3.9) prints 12.3, not 12.299999999999999.
  return roundTo(importance + Math.max(importance - satisfaction, 0), 10);
}

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
