import {
  type EventInput,
  type Money,
  normalizeEvents,
  OpsbookError,
  validate,
} from "@opsbook/core";
import { z } from "zod";
import type { RfmTransaction } from "./rfmSegments.ts";

const optionsSchema = z
  .object({
    purchaseEvent: z.string().min(1).default("purchase"),
    amountProperty: z.string().min(1).default("amount"),
    currencyProperty: z.string().min(1).default("currency"),
  })
  .strict();

/**
 * Turns purchase events into transactions for {@link rfmSegments}: one transaction per
 * `purchaseEvent` event, its amount read from `properties[amountProperty]`. When the event also
 * has `properties[currencyProperty]`, the amount is taken as integer minor units of that currency
 * (core's `Money`, the convention of `@opsbook/sample-data`'s purchase events); otherwise it stays
 * a plain number. Refunds are not subtracted: RFM's monetary value is what was bought.
 *
 * @param events - Events (`{ userId, event, timestamp, properties? }`).
 * @param options - `purchaseEvent` (default `"purchase"`), `amountProperty` (`"amount"`), `currencyProperty` (`"currency"`).
 * @returns Transactions with `customerId` = `userId`, in input order.
 * @throws {@link OpsbookError} for invalid events or a purchase without a finite amount.
 * @category RFM
 * @since 0.1.0
 * @example
 * ```ts
 * import { rfmTransactionsFromEvents } from "@opsbook/persona";
 *
 * rfmTransactionsFromEvents([
 *   { userId: "u1", event: "signup", timestamp: "2026-01-05T09:00:00Z" },
 *   { userId: "u1", event: "purchase", timestamp: "2026-01-05T09:10:00Z", properties: { amount: 1900, currency: "USD" } },
 * ])
 * //=> [{ customerId: "u1", date: Date.parse("2026-01-05T09:10:00Z"), amount: { amount: 1900, currency: "USD" } }]
 * rfmTransactionsFromEvents([{ userId: "u1", event: "purchase", timestamp: 0 }]) //=> throws OpsbookError
 * ```
 */
export function rfmTransactionsFromEvents(
  events: Iterable<EventInput>,
  options: { purchaseEvent?: string; amountProperty?: string; currencyProperty?: string } = {},
): RfmTransaction[] {
  const opts = validate(optionsSchema, options, { path: ["options"] });
  const { events: rows } = normalizeEvents(events);
  const out: RfmTransaction[] = [];
  rows.forEach((row, i) => {
    if (row.event !== opts.purchaseEvent) return;
    const amount = row.properties?.[opts.amountProperty];
    const currency = row.properties?.[opts.currencyProperty];
    if (typeof amount !== "number" || !Number.isFinite(amount))
      throw new OpsbookError(
        "invalid_input",
        `events[${i}].properties.${opts.amountProperty}: expected a finite number on a "${opts.purchaseEvent}" event`,
        ["events", i, "properties", opts.amountProperty],
      );
    let value: Money | number = amount;
    if (typeof currency === "string") {
      if (!Number.isInteger(amount))
        throw new OpsbookError(
          "invalid_input",
          `events[${i}].properties.${opts.amountProperty}: expected integer minor units of ${currency}, received ${amount}`,
          ["events", i, "properties", opts.amountProperty],
        );
      value = { amount, currency };
    }
    out.push({ customerId: row.userId, date: row.timestamp, amount: value });
  });
  return out;
}
