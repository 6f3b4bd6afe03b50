/**
 * Display formats of the daily-active-users example, shared by the page and the browser test so
 * both write the same text for the same number.
 */

/** A calendar day (UTC midnight) as `YYYY-MM-DD`, the same in every language edition. */
export function formatDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** Mean daily active users with one decimal, the same in every language edition. */
export function formatMean(mean: number): string {
  return mean.toFixed(1);
}
