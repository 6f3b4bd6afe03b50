import { funnel } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

// The seeded sample product: 2,000 signups over 120 days.
const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// Signup → three onboarding steps → first core action → upgrade to a paid plan.
export const signupFunnel = funnel(product.events, {
  steps: [
    { event: "signup" },
    { event: "onboarding_profile" },
    { event: "onboarding_project" },
    { event: "onboarding_tutorial" },
    { event: "core_action" },
    { event: "upgrade" },
  ],
  conversionWindow: "P14D", // the default, written out: 14 days from signup, inclusive
});

// The step that loses the most users, and the median minutes from tutorial to first core action.
export const biggestDrop = signupFunnel.steps
  .slice(1)
  .reduce((worst, step) => (step.dropOff > worst.dropOff ? step : worst));
export const minutesToCoreAction = (signupFunnel.steps[4]?.timeToConvert.median ?? 0) / 60_000;
