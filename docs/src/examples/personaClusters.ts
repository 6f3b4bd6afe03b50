import { discoverPersonas, extractBehaviourFeatures, renderPersonaCard } from "@opsbook/persona";
import { generateProduct } from "@opsbook/sample-data";

// The sample product: 500 users and 60 days of events, seeded so every build gets the same data.
const { events } = generateProduct({ seed: 42, users: 500, days: 60 });

// One row per user: activity, breadth, recency, tenure, purchases, spend and channel.
const features = extractBehaviourFeatures(events);

// Standardise, run seeded k-means++ (10 restarts) for k = 2…6, keep the k with the best silhouette.
export const found = discoverPersonas(features, {
  k: [2, 6],
  seed: 1,
  features: ["activeDays", "eventsPerActiveDay", "breadth", "recencyDays", "tenureDays", "spend"],
});

// A draft persona card (Markdown) per cluster, for a human to name and complete.
export const cards = found.clusters.map((cluster) => renderPersonaCard(cluster.persona));
