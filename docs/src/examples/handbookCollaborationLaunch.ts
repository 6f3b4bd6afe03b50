import { funnel, stickiness } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// The launched feature is team invitations. Adoption funnel: signup → first core action →
// first invitation, each step within 14 days of the signup.
export const adoption = funnel(product.events, {
  steps: [{ event: "signup" }, { event: "core_action" }, { event: "invite_sent" }],
  conversionWindow: "P14D",
});

// Reach: of the users active in the last 30 days (MAU), how many sent an invitation in them.
const last = product.window.end - 1;
const everyone = stickiness(product.events, { to: last });
const inviters = stickiness(product.events, { event: { event: "invite_sent" }, to: last });
export const monthlyActive = everyone.actives.mau;
export const monthlyInviters = inviters.actives.mau;
export const reach = monthlyInviters / monthlyActive;

// Guardrails the launch must not move: stickiness (DAU ÷ MAU) and refunds per purchase.
export const dauOverMau = everyone.actives.dauOverMau;
const count = (name: string) => product.events.filter((e) => e.event === name).length;
export const refundRate = count("refund") / count("purchase");
