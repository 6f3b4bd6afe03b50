import { validate } from "@opsbook/core";
import { checkTiers } from "./internal/checkTiers.ts";
import { fail } from "./internal/fail.ts";
import { type Catalogue, type PriceModel, priceBookSchema } from "./schemas.ts";

function checkModelTiers(model: PriceModel, path: (string | number)[]): void {
  if ("tiers" in model) checkTiers(model.tiers, [...path, "tiers"], true);
}

function checkUnique(ids: string[], path: string): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) {
      fail("conflict", [path, i, "id"], `duplicate id "${id}" (also ${path}[${first}].id)`);
    }
    seen.set(id, i);
  });
}

/**
 * Parses and checks a price book (the plan catalogue as YAML-shaped data): the schema
 * ({@link priceBookSchema}), then unique plan, add-on and coupon ids and well-formed tiers (sorted,
 * not overlapping, the last one open-ended). Use the result with `quote`, `cheapestPlan` and
 * `upgradeTriggers`.
 *
 * @param input - The price book, e.g. parsed from YAML.
 * @returns The catalogue with defaults applied.
 * @throws OpsbookError naming the field of the first problem (`plans[1].usage[0].price.tiers[2].upTo`).
 * @category Catalogue
 * @since 0.1.0
 * @example
 * ```ts
 * import { parsePriceBook } from "@opsbook/pricing";
 *
 * const book = parsePriceBook({
 *   currency: "usd",
 *   plans: [
 *     { id: "free", name: "Free", prices: { monthly: "0" }, limits: { seats: 1 } },
 *     { id: "pro", name: "Pro", prices: { monthly: "29", annualDiscountPercent: 20 } },
 *   ],
 * });
 * book.currency //=> "USD"
 * book.plans.map((p) => p.id) //=> ["free", "pro"]
 * parsePriceBook({ currency: "USD", plans: [] }) //=> throws OpsbookError
 * ```
 */
export function parsePriceBook(input: unknown): Catalogue {
  const book = validate(priceBookSchema, input, { label: "price book" });
  checkUnique(
    book.plans.map((p) => p.id),
    "plans",
  );
  checkUnique(
    book.addOns.map((a) => a.id),
    "addOns",
  );
  checkUnique(
    book.coupons.map((c) => c.id),
    "coupons",
  );
  book.plans.forEach((plan, i) => {
    plan.usage.forEach((charge, j) => {
      checkModelTiers(charge.price, ["plans", i, "usage", j, "price"]);
    });
  });
  book.addOns.forEach((addOn, i) => {
    checkModelTiers(addOn.price, ["addOns", i, "price"]);
  });
  return book;
}
