import { describe, expect, it } from "vitest";
import { rfmSummary } from "./index.ts";

describe("rfmSummary", () => {
  it("counts several purchases on one day once and adds their amounts", () => {
    const { customers } = rfmSummary(
      [
        { customerId: "a", timestamp: "2026-01-01T09:00:00Z", amount: 10 },
        { customerId: "a", timestamp: "2026-01-08T10:00:00Z", amount: 3 },
        { customerId: "a", timestamp: "2026-01-08T18:00:00Z", amount: 4 },
      ],
      { observationEnd: "2026-01-15T00:00:00Z" },
    );
    expect(customers[0]).toMatchObject({ frequency: 1, recency: 1, T: 2, monetaryValue: 7 });
  });

  it("groups days in the given time zone", () => {
    const rows = [
      { customerId: "a", timestamp: "2026-01-01T10:00:00Z" },
      { customerId: "a", timestamp: "2026-01-01T20:00:00Z" }, // 2 January in Shanghai
    ];
    const end = "2026-01-10T00:00:00Z";
    expect(rfmSummary(rows, { observationEnd: end }).customers[0]?.frequency).toBe(0);
    expect(
      rfmSummary(rows, { observationEnd: end, timeZone: "Asia/Shanghai", periodDays: 1 })
        .customers[0],
    ).toMatchObject({
      frequency: 1,
      recency: 1,
    });
  });

  it("converts Money to major units and refuses mixed currencies", () => {
    const usd = (amount: number) => ({ amount, currency: "USD" });
    const { customers, currency } = rfmSummary(
      [
        { customerId: "a", date: "2026-01-01", amount: usd(1000) },
        { customerId: "a", date: "2026-01-02", amount: usd(1250) },
      ],
      { observationEnd: "2026-01-31", periodDays: 1 },
    );
    expect(currency).toBe("USD");
    expect(customers[0]?.monetaryValue).toBe(12.5);
    expect(() =>
      rfmSummary(
        [
          { customerId: "a", date: "2026-01-01", amount: usd(1000) },
          { customerId: "b", date: "2026-01-02", amount: { amount: 5, currency: "EUR" } },
        ],
        { observationEnd: "2026-01-31" },
      ),
    ).toThrowError(
      expect.objectContaining({
        name: "OpsbookError",
        code: "conflict",
        path: [1, "amount", "currency"],
      }),
    );
  });

  it("flags transactions before the customer's known first purchase, or throws when asked", () => {
    const rows = [
      { customerId: "a", date: "2026-01-01" },
      { customerId: "a", date: "2026-01-10" },
      { customerId: "a", date: "2026-01-20" },
    ];
    const options = {
      observationEnd: "2026-01-31",
      periodDays: 1,
      firstPurchases: { a: "2026-01-05" },
    };
    const summary = rfmSummary(rows, options);
    expect(summary.warnings).toEqual([
      expect.objectContaining({ code: "before_first_purchase", index: 0, customerId: "a" }),
    ]);
    expect(summary.customers[0]).toMatchObject({ frequency: 2, recency: 15, T: 26 });
    expect(() => rfmSummary(rows, { ...options, invalid: "throw" })).toThrowError(
      expect.objectContaining({ name: "OpsbookError", path: [0, "date"] }),
    );
  });

  it("leaves out the holdout period and customers acquired after it starts", () => {
    const summary = rfmSummary(
      [
        { customerId: "a", date: "2026-01-01" },
        { customerId: "a", date: "2026-02-10" },
        { customerId: "b", date: "2026-02-12" },
      ],
      { observationEnd: "2026-01-31" },
    );
    expect(summary.customers.map((c) => c.customerId)).toEqual(["a"]);
    expect(summary.excluded).toEqual({ transactions: 2, customersAcquiredLater: 1 });
  });

  it("reports every bad row at once", () => {
    try {
      rfmSummary(
        [
          { customerId: "", date: "2026-01-01" },
          { customerId: "a", date: "yesterday" },
        ],
        { observationEnd: "2026-01-31" },
      );
      expect.unreachable();
    } catch (error) {
      expect((error as { issues: { path: unknown[] }[] }).issues.map((i) => i.path)).toEqual([
        [0, "customerId"],
        [1, "date"],
      ]);
    }
  });
});
