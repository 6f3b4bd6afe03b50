import { assignVariation, srmCheck } from "@opsbook/experiments";

const experiment = { key: "signup-form", variations: 2 };

// The arm is a hash of the experiment key and the user id: stable on every device and visit.
export const firstUser = assignVariation("u00001", experiment);

// 10,000 users split close to, but not exactly, 50/50.
export const users = { control: 0, treatment: 0 };
for (let i = 1; i <= 10_000; i++) {
  const { variation } = assignVariation(`u${String(i).padStart(5, "0")}`, experiment);
  if (variation === 0) users.control++;
  if (variation === 1) users.treatment++;
}

// Chance differences pass the sample-ratio-mismatch check...
export const healthy = srmCheck([users.control, users.treatment], [1, 1]);

// ...but losing 3 % of 50,000 treatment users (a redirect, a late exposure event) does not.
export const broken = srmCheck([50_000, 48_500], [1, 1]);
