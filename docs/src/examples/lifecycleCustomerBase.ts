import { fitBgNbd, probabilityAlive, rfmSummary } from "@opsbook/lifecycle";
import { cdnowSample } from "@opsbook/sample-data";

// CDNOW sample: 2,357 customers' purchases; calibrate on weeks up to 1997-09-30.
const { customers } = rfmSummary(cdnowSample(), { observationEnd: "1997-09-30" });

// BG/NBD by maximum likelihood: purchase rates Gamma(r, α), dropout Beta(a, b).
export const model = fitBgNbd(customers);

// P(alive) for a few purchase histories, in weeks, for a customer first seen 39 weeks ago.
export const histories = [
  { frequency: 0, recency: 0, T: 39 },
  { frequency: 2, recency: 30, T: 39 },
  { frequency: 2, recency: 10, T: 39 },
  { frequency: 10, recency: 38, T: 39 },
  { frequency: 10, recency: 20, T: 39 },
].map((history) => ({ ...history, pAlive: probabilityAlive(model, history) }));
