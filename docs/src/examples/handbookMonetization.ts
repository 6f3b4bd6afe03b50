import { addMoney, money } from "@opsbook/core";
import { revenueAccounting } from "@opsbook/metrics";
import { arppu, arpu, ltv, payerConversion } from "@opsbook/pricing";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const from = Date.UTC(2026, 3, 1); // April 2026, the last full month of the window
const to = Date.UTC(2026, 4, 1);

// April's revenue per head: every user active in April, and those who paid (refunds excluded).
const active = new Set(
  product.events.filter((e) => e.timestamp >= from && e.timestamp < to).map((e) => e.userId),
);
const payments = product.orders.filter(
  (o) => o.createdAt >= from && o.createdAt < to && o.refundedAt === null,
);
export const revenue = addMoney(money(0, "USD"), ...payments.map((o) => o.amount));
export const payers = new Set(payments.map((o) => o.userId)).size;
export const activeUsers = active.size;
export const perUser = arpu(revenue, activeUsers); // = ARPPU × payer conversion
export const perPayer = arppu(revenue, payers);
export const conversion = payerConversion(payers, activeUsers);

// Lifetime value from April's subscription churn and an assumed 80 % gross margin.
const live = product.subscriptions.filter(
  (s) => s.startedAt < from && (s.canceledAt === null || s.canceledAt >= from),
);
export const churnRate =
  live.filter((s) => s.canceledAt !== null && s.canceledAt < to).length / live.length;
export const lifetimeValue = ltv({ arpa: perPayer, grossMargin: 0.8, churnRate });

// Where each month's revenue came from: new payers, expansion, returning payers and churn.
export const months = revenueAccounting(
  product.orders
    .filter((o) => o.refundedAt === null)
    .map((o) => ({ userId: o.userId, timestamp: o.createdAt, amount: o.amount.amount })),
  { unit: "month", from: Date.UTC(2026, 1, 1), to: to - 1 },
);
