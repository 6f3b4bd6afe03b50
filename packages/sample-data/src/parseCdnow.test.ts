import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCdnow } from "./parseCdnow.ts";

const read = (name: string) =>
  readFileSync(new URL(`../datasets/cdnow/${name}`, import.meta.url), "utf8");
const masterText = read("CDNOW_master.txt");
const masterRows = parseCdnow(masterText, { format: "master" });

/** Sums taken straight from the text: whitespace columns, dollars as cents from the digits. */
function textTotals(text: string, quantityColumn: number, amountColumn: number) {
  let rows = 0;
  let quantity = 0;
  let cents = 0;
  const customers = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const cols = line.trim().split(/\s+/);
    if (!/^\d+$/.test(cols[0] ?? "")) continue;
    rows++;
    customers.add(cols[0] as string);
    quantity += Number(cols[quantityColumn]);
    const [whole, fraction = ""] = (cols[amountColumn] as string).split(".");
    cents += Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  }
  return { rows, quantity, cents, customers: customers.size };
}

function totals(rows: ReturnType<typeof parseCdnow>) {
  return {
    rows: rows.length,
    quantity: rows.reduce((s, r) => s + r.quantity, 0),
    cents: rows.reduce((s, r) => s + r.amount.amount, 0),
    customers: new Set(rows.map((r) => r.customerId)).size,
  };
}

describe("parseCdnow", () => {
  it("reads the sample of Fader, Hardie & Lee (2005): 2,357 customers, 6,919 rows", () => {
    const text = read("CDNOW_sample.txt");
    const rows = parseCdnow(text, { format: "sample" });
    expect(totals(rows)).toEqual(textTotals(text, 3, 4));
    expect(totals(rows)).toMatchObject({ rows: 6919, customers: 2357, quantity: 16479 });
    expect(rows[0]).toEqual({
      customerId: "4",
      date: "1997-01-01",
      quantity: 2,
      amount: { amount: 2933, currency: "USD" },
    });
    expect(rows.every((r) => r.date >= "1997-01-01" && r.date <= "1998-06-30")).toBe(true);
  });

  it("reads the master file: 23,570 customers, 69,659 rows (source README), header skipped", () => {
    const rows = masterRows;
    expect(totals(rows)).toEqual(textTotals(masterText, 2, 3));
    expect(totals(rows)).toMatchObject({ rows: 69_659, customers: 23_570 });
    expect(rows[0]).toEqual({
      customerId: "1",
      date: "1997-01-01",
      quantity: 1,
      amount: { amount: 1177, currency: "USD" },
    });
  });

  it("keeps the sample's customers and rows identical to theirs in the master file", () => {
    const master = masterRows;
    const sample = parseCdnow(read("CDNOW_sample.txt"), { format: "sample" });
    const byCustomer = (rows: typeof sample) => {
      const map = new Map<string, typeof sample>();
      for (const r of rows) map.set(r.customerId, [...(map.get(r.customerId) ?? []), r]);
      return map;
    };
    const inSample = byCustomer(sample);
    const inMaster = byCustomer(master.filter((r) => inSample.has(r.customerId)));
    expect(inMaster).toEqual(inSample);
  });

  it("converts dollars to cents exactly, including zero-value rows", () => {
    const rows = parseCdnow(
      "00001 19970101 1 0.00\n00002 19970102 3 1234.5\n00003 19970103 2 0.1",
      {
        format: "master",
      },
    );
    expect(rows.map((r) => r.amount.amount)).toEqual([0, 123450, 10]);
  });

  it("reports every bad line with its 1-based number", () => {
    const text = [
      " 00001 0001 19970101  1   11.77",
      " 00002 0002 19970230  1   12.00",
      "",
      " 00003 0003 19970105  x   1.00",
      " 00004 19970105  1   1.00",
    ].join("\r\n");
    let caught: unknown;
    try {
      parseCdnow(text, { format: "sample" });
    } catch (error) {
      caught = error;
    }
    const error = caught as {
      name: string;
      code: string;
      issues: Array<{ path: unknown[]; message: string }>;
    };
    expect(error.name).toBe("OpsbookError");
    expect(error.code).toBe("invalid_input");
    expect(error.issues.map((i) => i.path)).toEqual([
      ["line", 2],
      ["line", 4],
      ["line", 5],
    ]);
    expect(error.issues[0]?.message).toBe('line 2: expected date YYYYMMDD, received "19970230"');
    expect(error.issues[2]?.message).toMatch(/^line 5: expected 5 columns/);
  });

  it("rejects an unknown format and a non-string text", () => {
    expect(() => parseCdnow("", { format: "csv" } as never)).toThrowError(/options\.format/);
    expect(() => parseCdnow(42 as never, { format: "sample" })).toThrowError(/text/);
    expect(parseCdnow("\r\n", { format: "sample" })).toEqual([]);
  });
});
