/**
 * The RFM tool's presets, as the text a user would paste: a small made-up shop, and the first
 * customers of the CDNOW sample of @opsbook/sample-data summarised at build time.
 */
import { cdnowSample } from "@opsbook/sample-data";

/** A small shop's customers in November 2026 (made up for the example). */
export const shopPreset = {
  asOf: "",
  rows: [
    "id, last purchase, frequency, monetary",
    "C001, 2026-11-20, 14, 1260",
    "C002, 2026-11-18, 9, 640",
    "C003, 2026-11-02, 3, 150",
    "C004, 2026-10-15, 1, 45",
    "C005, 2026-11-22, 1, 38",
    "C006, 2026-09-30, 6, 410",
    "C007, 2026-08-12, 2, 90",
    "C008, 2026-07-05, 11, 980",
    "C009, 2026-11-10, 4, 230",
    "C010, 2026-06-20, 1, 25",
    "C011, 2026-10-28, 7, 520",
    "C012, 2026-05-14, 3, 120",
    "C013, 2026-11-21, 2, 70",
    "C014, 2026-09-01, 1, 60",
    "C015, 2026-11-15, 5, 310",
  ].join("\n"),
};

/** Customers of the CDNOW preset: the first ones of the sample, in its order. */
export const cdnowPresetCustomers = 40;

/**
 * The first {@link cdnowPresetCustomers} customers of the CDNOW sample (January 1997 to June 1998),
 * one row each: last purchase date, number of purchases and total spend in dollars; recency is
 * measured to the end of the data, 30 June 1998.
 */
export function cdnowPreset(): { asOf: string; rows: string } {
  const customers = new Map<string, { last: string; frequency: number; cents: number }>();
  for (const purchase of cdnowSample()) {
    let customer = customers.get(purchase.customerId);
    if (!customer) {
      if (customers.size === cdnowPresetCustomers) break;
      customer = { last: purchase.date, frequency: 0, cents: 0 };
      customers.set(purchase.customerId, customer);
    }
    if (purchase.date > customer.last) customer.last = purchase.date;
    customer.frequency += 1;
    customer.cents += purchase.amount.amount;
  }
  const rows = [...customers].map(
    ([id, c]) => `${id}, ${c.last}, ${c.frequency}, ${(c.cents / 100).toFixed(2)}`,
  );
  return {
    asOf: "1998-06-30",
    rows: ["id, last purchase, frequency, monetary", ...rows].join("\n"),
  };
}
