import { fail } from "./fail.ts";

/**
 * Checks that tier upper bounds rise strictly and that only the last tier is open (`upTo: null`),
 * so that the tiers are disjoint half-open intervals (previous `upTo`, own `upTo`] covering every
 * quantity. Throws an OpsbookError naming the offending tier.
 *
 * @internal
 */
export function checkTiers(
  tiers: readonly { upTo: number | null }[],
  path: (string | number)[],
  requireOpenEnd = false,
): void {
  let previous = 0;
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    if (tier.upTo === null) {
      if (!last) {
        fail(
          "invalid_input",
          [...path, i, "upTo"],
          "only the last tier may be open-ended (upTo: null)",
        );
      }
      return;
    }
    if (!(tier.upTo > previous)) {
      fail(
        "invalid_input",
        [...path, i, "upTo"],
        `tiers overlap or are unsorted: upTo ${tier.upTo} must be greater than ${i === 0 ? "0" : `tiers[${i - 1}].upTo (${previous})`}`,
      );
    }
    previous = tier.upTo;
  });
  const end = tiers[tiers.length - 1];
  if (requireOpenEnd && end && end.upTo !== null) {
    fail(
      "invalid_input",
      [...path, tiers.length - 1, "upTo"],
      "the last tier must be open-ended (upTo: null) so that every quantity has a price",
    );
  }
}

/**
 * Index of the tier whose half-open interval (previous `upTo`, `upTo`] holds `quantity`; quantity 0
 * belongs to the first tier. -1 when the quantity lies beyond the last, closed tier.
 *
 * @internal
 */
export function tierIndexOf(tiers: readonly { upTo: number | null }[], quantity: number): number {
  return tiers.findIndex((t) => t.upTo === null || quantity <= t.upTo);
}
