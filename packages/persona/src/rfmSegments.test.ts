import { cdnowSample, generateProduct } from "@opsbook/sample-data";
import { describe, expect, it } from "vitest";
import { defaultRfmGrid, type RfmTransaction, rfmSegments } from "./rfmSegments.ts";
import { rfmTransactionsFromEvents } from "./rfmTransactionsFromEvents.ts";

const DAY = 86_400_000;
const asOf = Date.parse("2026-06-30T00:00:00Z");

// Ten customers: [days since last purchase, purchases]; each purchase is USD 10.00 on its own day.
const customers: [number, number][] = [
  [1, 8],
  [2, 6],
  [3, 1],
  [5, 2],
  [10, 4],
  [20, 5],
  [40, 3],
  [60, 1],
  [90, 7],
  [120, 2],
];
const transactions: RfmTransaction[] = customers.flatMap(([daysAgo, count], c) =>
  Array.from({ length: count }, (_, k) => ({
    customerId: `c${c}`,
    date: asOf - (daysAgo + k) * DAY,
    amount: { amount: 1000, currency: "USD" },
  })),
);

describe("defaultRfmGrid", () => {
  it("covers each of the 25 R×F cells exactly once, as the seg_map regex table of pandas RFM tutorials", () => {
    // seg_map: [1-2][1-2] hibernating, [1-2][3-4] at_Risk, [1-2]5 cant_loose, 3[1-2] about_to_sleep,
    // 33 need_attention, [3-4][4-5] loyal_customers, 41 promising, 51 new_customers,
    // [4-5][2-3] potential_loyalists, 5[4-5] champions
    const segMap: [RegExp, string][] = [
      [/^[1-2][1-2]$/, "hibernating"],
      [/^[1-2][3-4]$/, "at risk"],
      [/^[1-2]5$/, "can't lose"],
      [/^3[1-2]$/, "about to sleep"],
      [/^33$/, "need attention"],
      [/^[3-4][4-5]$/, "loyal customers"],
      [/^41$/, "promising"],
      [/^51$/, "new customers"],
      [/^[4-5][2-3]$/, "potential loyalists"],
      [/^5[4-5]$/, "champions"],
    ];
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) {
        const cells = defaultRfmGrid.filter(
          (c) =>
            c.recency[0] <= r && r <= c.recency[1] && c.frequency[0] <= f && f <= c.frequency[1],
        );
        expect(cells).toHaveLength(1);
        const expected = segMap.filter(([re]) => re.test(`${r}${f}`)).map(([, name]) => name);
        expect(cells.map((c) => c.segment)).toEqual(expected);
      }
  });
});

describe("rfmSegments", () => {
  const report = rfmSegments(transactions, { asOf });

  it("scores a small documented example by quintiles of ranks (pandas qcut on rank(method='first'))", () => {
    // n = 10: ranks 1–2 → bin 1, 3–4 → 2, 5–6 → 3, 7–8 → 4, 9–10 → 5; recency is reversed.
    expect(report.customers.map((c) => `${c.customerId}:${c.score}`)).toEqual([
      "c0:555",
      "c1:544",
      "c2:411", // frequency tie (1 purchase) with c7: c2 appears first, so rank 1
      "c3:422",
      "c4:333",
      "c5:344",
      "c6:233",
      "c7:211",
      "c8:155",
      "c9:122",
    ]);
  });
  it("names segments from the default 5×5 R×F grid", () => {
    expect(report.customers.map((c) => c.segment)).toEqual([
      "champions",
      "champions",
      "promising",
      "potential loyalists",
      "need attention",
      "loyal customers",
      "at risk",
      "hibernating",
      "can't lose",
      "hibernating",
    ]);
  });
  it("reports recency in days, frequency and monetary value as Money", () => {
    expect(report.customers[8]).toMatchObject({
      recencyDays: 90,
      frequency: 7,
      monetary: { amount: 7000, currency: "USD" },
    });
  });
  it("lists every segment in grid order with size, share and Money value", () => {
    expect(report.segments.map((s) => s.segment)).toEqual(defaultRfmGrid.map((c) => c.segment));
    const champions = report.segments.find((s) => s.segment === "champions");
    expect(champions).toMatchObject({
      customers: 2,
      share: 0.2,
      value: { amount: 14000, currency: "USD" },
    });
    expect(champions?.valueShare).toBeCloseTo(14 / 39, 12);
    expect(report.segments.find((s) => s.segment === "new customers")).toMatchObject({
      customers: 0,
      share: 0,
    });
  });
  it("counts purchase days instead of transactions with frequency: 'days' (Fader, Hardie & Lee's CDNOW convention)", () => {
    const sameDay = [
      { customerId: "a", date: "2026-01-01T09:00:00Z", amount: 5 },
      { customerId: "a", date: "2026-01-01T18:00:00Z", amount: 5 },
      { customerId: "b", date: "2026-01-02T09:00:00Z", amount: 5 },
    ];
    expect(rfmSegments(sameDay, { frequency: "days" }).customers.map((c) => c.frequency)).toEqual([
      1, 1,
    ]);
    expect(rfmSegments(sameDay).customers.map((c) => c.frequency)).toEqual([2, 1]);
  });

  it("segments the CDNOW sample: 2,357 customers, R quintiles of 472/471/471/471/472, value in USD cents", () => {
    const rows = cdnowSample();
    const cdnow = rfmSegments(rows, { asOf: "1998-06-30", frequency: "days" });
    expect(cdnow.customers).toHaveLength(2357);
    const perR = [1, 2, 3, 4, 5].map(
      (s) => cdnow.customers.filter((c) => c.recencyScore === s).length,
    );
    expect(perR).toEqual([472, 471, 471, 471, 472]);
    const total = rows.reduce((s, r) => s + r.amount.amount, 0);
    expect(cdnow.segments.reduce((s, seg) => s + (seg.value as { amount: number }).amount, 0)).toBe(
      total,
    );
    expect(cdnow.segments.reduce((s, seg) => s + seg.customers, 0)).toBe(2357);
    for (const c of cdnow.customers.filter((x) => x.segment === "champions")) {
      expect(c.recencyScore).toBe(5);
      expect(c.frequencyScore).toBeGreaterThanOrEqual(4);
    }
  });

  it("builds transactions from purchase events of the sample product", () => {
    const product = generateProduct({ seed: 7, users: 300, days: 60 });
    const rows = rfmTransactionsFromEvents(product.events);
    expect(rows.length).toBe(product.events.filter((e) => e.event === "purchase").length);
    const result = rfmSegments(rows);
    const buyers = new Set(rows.map((r) => r.customerId));
    expect(result.customers).toHaveLength(buyers.size);
    expect(result.segments[0]?.value).toMatchObject({ currency: "USD" });
  });

  it("renames segments with labels and rejects unknown segment names with not_found", () => {
    const renamed = rfmSegments(transactions, { asOf, labels: { champions: "VIP" } });
    expect(renamed.customers[0]?.segment).toBe("VIP");
    expect(() => rfmSegments(transactions, { labels: { champs: "VIP", losts: "x" } })).toThrow(
      expect.objectContaining({
        code: "not_found",
        issues: expect.arrayContaining([expect.anything(), expect.anything()]),
      }),
    );
  });
  it("rejects a grid with a gap (invalid_input), an overlap (conflict) or scores beyond bins (out_of_range)", () => {
    const gap = defaultRfmGrid.filter((c) => c.segment !== "promising");
    expect(() => rfmSegments(transactions, { grid: gap })).toThrow(/missing R4 F1/);
    const overlap = [
      ...defaultRfmGrid,
      {
        segment: "lost",
        recency: [1, 1] as [number, number],
        frequency: [1, 1] as [number, number],
      },
    ];
    expect(() => rfmSegments(transactions, { grid: overlap })).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
    expect(() =>
      rfmSegments(transactions, { grid: [{ segment: "all", recency: [1, 6], frequency: [1, 5] }] }),
    ).toThrow(expect.objectContaining({ code: "out_of_range" }));
  });
  it("requires a grid when bins is not 5 (unsupported) and accepts a custom one", () => {
    expect(() => rfmSegments(transactions, { bins: 3 })).toThrow(
      expect.objectContaining({ code: "unsupported" }),
    );
    const three = rfmSegments(transactions, {
      bins: 3,
      grid: [
        { segment: "active", recency: [2, 3], frequency: [1, 3] },
        { segment: "lost", recency: [1, 1], frequency: [1, 3] },
      ],
    });
    // n = 10 in tertiles: rank edges 1 + i·9/3 = 4, 7, 10 → 4 / 3 / 3 customers; the 3 least recent are lost
    expect(three.segments.map((s) => s.customers)).toEqual([7, 3]);
  });
  it("rejects mixed currencies and mixed amount kinds with conflict", () => {
    expect(() =>
      rfmSegments([
        { customerId: "a", date: 0, amount: { amount: 1, currency: "USD" } },
        { customerId: "b", date: 0, amount: { amount: 1, currency: "EUR" } },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: "conflict",
        path: ["transactions", 1, "amount", "currency"],
      }),
    );
    expect(() =>
      rfmSegments([
        { customerId: "a", date: 0, amount: 1 },
        { customerId: "b", date: 0, amount: { amount: 1, currency: "EUR" } },
      ]),
    ).toThrow(expect.objectContaining({ code: "conflict" }));
  });
  it("returns an empty report for no transactions and rejects bad rows with their path", () => {
    const empty = rfmSegments([]);
    expect(empty.customers).toEqual([]);
    expect(empty.segments.every((s) => s.customers === 0 && s.share === 0)).toBe(true);
    expect(() => rfmSegments([{ customerId: "a", date: "yesterday", amount: 1 }])).toThrow(
      /transactions\[0\]\.date/,
    );
  });
});

describe("rfmTransactionsFromEvents", () => {
  it("keeps plain numbers when there is no currency and uses custom property names", () => {
    expect(
      rfmTransactionsFromEvents(
        [{ userId: "u", event: "order", timestamp: 5, properties: { total: 12.5 } }],
        { purchaseEvent: "order", amountProperty: "total" },
      ),
    ).toEqual([{ customerId: "u", date: 5, amount: 12.5 }]);
  });
  it("rejects fractional minor units when a currency is given", () => {
    expect(() =>
      rfmTransactionsFromEvents([
        {
          userId: "u",
          event: "purchase",
          timestamp: 5,
          properties: { amount: 1.5, currency: "USD" },
        },
      ]),
    ).toThrow(/integer minor units/);
  });
});
