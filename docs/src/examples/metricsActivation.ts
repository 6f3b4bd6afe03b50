import { activationThreshold } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// Which early behaviour goes with staying? Scan 1, 2, 3, 5 and 10 core actions or invitations
// in the first 1, 3 or 7 days against "active 28–35 days after signup".
export const scan = activationThreshold(product.events, {
  actions: ["core_action", "invite_sent"],
  signupEvent: "signup",
  windowsDays: [1, 3, 7],
  thresholds: [1, 2, 3, 5, 10],
  retentionDays: [28, 35],
  minSupport: 30,
});
export const best = scan.ranked[0];

// The rule the generator planted (users who meet it are twice as likely to stay).
export const planted = product.groundTruth.aha;
