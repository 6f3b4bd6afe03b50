import { userStageTransitions } from "@opsbook/lifecycle";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// Sessions and core actions count as activity; dormant after 14 quiet days, churned after 30.
const rules = {
  activityEvents: ["session_start", "core_action"],
  dormantDays: 14,
  churnedDays: 30,
};

// Every user's stage on 2 March and four weeks later, and how they moved between the two.
export const flow = userStageTransitions(product.events, "2026-03-02", "2026-03-30", rules);
