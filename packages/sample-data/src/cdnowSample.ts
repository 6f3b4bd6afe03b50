import { cdnowSampleData } from "./internal/cdnowSampleData.ts";
import type { CdnowTransaction } from "./parseCdnow.ts";

const ORIGIN = Date.UTC(1997, 0, 1);
const DAY = 86_400_000;

/**
 * The CDNOW sample used by Fader, Hardie & Lee in "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model" (Marketing Science 24(2), 2005): every purchase of a 1/10
 * systematic sample of the customers who first bought at the online retailer CDNOW in the first
 * quarter of 1997 (2,357 customers, 6,919 rows), followed to 30 June 1998. The calibration period
 * of the paper ends on 1997-09-30; several purchases on one day count as one transaction there.
 *
 * The data ships inside the package in a compact form generated from `CDNOW_sample.txt`; each call
 * decodes a fresh array. Customer ids are those of the master file.
 *
 * @returns 6,919 transactions, grouped by customer and in date order within a customer.
 * @category CDNOW
 * @since 0.1.0
 * @example
 * ```ts
 * import { cdnowSample } from "@opsbook/sample-data";
 *
 * const rows = cdnowSample();
 * rows.length //=> 6919
 * new Set(rows.map((r) => r.customerId)).size //=> 2357
 * rows.reduce((sum, r) => sum + r.amount.amount, 0) //=> 24409194
 * rows.at(-1)
 * //=> { customerId: "23569", date: "1997-03-25", quantity: 2, amount: { amount: 2574, currency: "USD" } }
 * ```
 */
export function cdnowSample(): CdnowTransaction[] {
  const out: CdnowTransaction[] = [];
  const dates = new Map<number, string>();
  for (const group of cdnowSampleData.split(";")) {
    const colon = group.indexOf(":");
    const customerId = String(Number.parseInt(group.slice(0, colon), 36));
    for (const row of group.slice(colon + 1).split(",")) {
      const [day, quantity, cents] = row.split(".").map((part) => Number.parseInt(part, 36)) as [
        number,
        number,
        number,
      ];
      let date = dates.get(day);
      if (date === undefined) {
        date = new Date(ORIGIN + day * DAY).toISOString().slice(0, 10);
        dates.set(day, date);
      }
      out.push({ customerId, date, quantity, amount: { amount: cents, currency: "USD" } });
    }
  }
  return out;
}
