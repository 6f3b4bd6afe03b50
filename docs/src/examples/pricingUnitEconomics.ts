import { addMoney, money, multiplyMoney } from "@opsbook/core";
import { arppu, arpu, cacPayback, ltv, ltvToCac, payerConversion } from "@opsbook/pricing";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42 });
const day = 24 * 60 * 60 * 1000;
const end = product.window.end;
const start = end - 30 * day; // the last 30 days of the window

// This month: users with any event, payments that were not refunded, and who paid them.
const active = new Set(product.events.filter((e) => e.timestamp >= start).map((e) => e.userId));
const payments = product.orders.filter((o) => o.createdAt >= start && o.refundedAt === null);
const revenue = addMoney(money(0, "USD"), ...payments.map((o) => o.amount));
const payers = new Set(payments.map((o) => o.userId)).size;

export const monthlyArpu = arpu(revenue, active.size);
export const monthlyArppu = arppu(revenue, payers);
export const conversion = payerConversion(payers, active.size);

// Monthly churn: subscriptions live at the start of the month that ended within it.
const live = product.subscriptions.filter(
  (s) => s.startedAt < start && (s.canceledAt === null || s.canceledAt >= start),
);
export const churnRate = live.filter((s) => s.canceledAt !== null).length / live.length;

// CAC: what the paid channels spent over the window, per paying customer they brought.
const paidChannels = new Set(
  product.channels.filter((c) => c.dailySpend.amount > 0).map((c) => c.id),
);
const spend = addMoney(
  ...product.channels
    .filter((c) => paidChannels.has(c.id))
    .map((c) => multiplyMoney(c.dailySpend, product.window.days)),
);
const paidUsers = new Set(
  product.users.filter((u) => paidChannels.has(u.channel)).map((u) => u.id),
);
const customers = new Set(
  product.orders
    .filter((o) => o.refundedAt === null && paidUsers.has(o.userId))
    .map((o) => o.userId),
).size;
export const cac = money(Math.round(spend.amount / customers), spend.currency);

// An assumed 80 % gross margin: hosting, support and payment fees take the rest.
const grossMargin = 0.8;
export const lifetimeValue = ltv({ arpa: monthlyArppu, grossMargin, churnRate });
export const paybackMonths = cacPayback({ cac, arpa: monthlyArppu, grossMargin });
export const ltvCacRatio = ltvToCac(lifetimeValue, cac);
