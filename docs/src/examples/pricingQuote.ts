import { getPlay, validatePlayConfig } from "@opsbook/plays";
import { cheapestPlan, parsePriceBook, quote } from "@opsbook/pricing";

// The price book shipped with the play "Good-better-best tier redesign".
const play = getPlay("good-better-best-tiers", "en");
const file = validatePlayConfig(play.config?.text ?? "", { path: "price-book.yaml" });
const book = parsePriceBook(file.config);

// A team of 12 that sent 400,000 events this month, on Plus, moved from an old plan.
const usage = { events: 400_000 };
export const monthly = quote(book, "plus", usage, { addOns: { seats: 2 }, coupon: "MIGRATE20" });

// The same plan billed yearly (20 % off twelve months), before usage.
export const annual = quote(book, "plus", {}, { interval: "year" });

// The cheapest plan for that usage among the plans with API access.
export const cheapest = cheapestPlan(book, usage, { features: ["api-access"] });
