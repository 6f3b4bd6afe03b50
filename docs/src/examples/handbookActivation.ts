import { activationThreshold, funnel } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// Onboarding, from signup to the first core action, within 7 days, split by the acquisition
// channel recorded on the signup event.
export const onboarding = funnel(product.events, {
  steps: [
    { event: "signup" },
    { event: "onboarding_profile" },
    { event: "onboarding_project" },
    { event: "onboarding_tutorial" },
    { event: "core_action" },
  ],
  conversionWindow: "P7D",
  breakdown: { property: "channel" },
});
export const activationRate = onboarding.steps[4]?.conversionFromStart ?? 0;
export const medianMinutesToActivate = (onboarding.timeToConvert.median ?? 0) / 60_000;

// The activation threshold: which early habit separates users who are still here a month later?
const scan = activationThreshold(product.events, {
  actions: ["core_action", "invite_sent"],
  signupEvent: "signup",
});
export const aha = scan.ranked[0];
