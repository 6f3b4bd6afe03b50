import { rfmSegments } from "@opsbook/persona";
import { cdnowSample } from "@opsbook/sample-data";

// CDNOW sample: 2,357 customers' purchases, January 1997 to June 1998, amounts in USD cents.
// Frequency counts distinct purchase days; recency is measured to the end of the data.
export const rfm = rfmSegments(cdnowSample(), { asOf: "1998-06-30", frequency: "days" });

// The 5×5 grid: recency score R as rows (5 = most recent), frequency score F as columns,
// each cell with its segment and the number of customers in it.
export const grid = [5, 4, 3, 2, 1].map((r) =>
  [1, 2, 3, 4, 5].map((f) => ({
    r,
    f,
    segment:
      rfm.grid.find(
        (cell) =>
          cell.recency[0] <= r &&
          r <= cell.recency[1] &&
          cell.frequency[0] <= f &&
          f <= cell.frequency[1],
      )?.segment ?? "",
    customers: rfm.customers.filter((c) => c.recencyScore === r && c.frequencyScore === f).length,
  })),
);
