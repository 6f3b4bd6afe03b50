import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvSplitter, TextFormatError } from "./csvSplitter.ts";
import { JsonSplitter } from "./jsonSplitter.ts";

function split(chunks: string[], delimiter: "," | "\t" = ","): [string[], number][] {
  const splitter = new CsvSplitter(delimiter);
  const records: [string[], number][] = [];
  chunks.forEach((chunk, i) => {
    splitter.push(chunk, i === chunks.length - 1, (fields, line) => records.push([fields, line]));
  });
  return records;
}

/** RFC 4180 writing: quote a field holding a comma, a quote or a line break; double the quotes. */
const write = (rows: string[][], eol: string) =>
  rows
    .map((row) =>
      row.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(","),
    )
    .join(eol) + eol;

describe("CsvSplitter (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF line ends and blank lines", () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\n1,,3\r\n';
    expect(split([text])).toEqual([
      [["a", "b", "c"], 1],
      [["x, y", 'say "hi"', "two\r\nlines"], 2],
      [["1", "", "3"], 5],
    ]);
  });

  it("reads TSV and a last line without a line break", () => {
    expect(split(["a\tb\n1\t2"], "\t")).toEqual([
      [["a", "b"], 1],
      [["1", "2"], 2],
    ]);
  });

  it("gives the same records however the text is cut into chunks (property)", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "é") });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("\n", "\r\n"),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, eol, cuts) => {
          // Rows made only of one empty field would be blank lines, which are skipped.
          const text = write(rows, eol);
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((p, i, all) =>
            text.slice(p, all[i + 1] ?? text.length),
          );
          expect(split(chunks).map(([fields]) => fields)).toEqual(
            split([text]).map(([fields]) => fields),
          );
          expect(split([text]).map(([fields]) => fields)).toEqual(rows);
        },
      ),
    );
  });

  it("names the line of a malformed record", () => {
    const error = (text: string) => {
      try {
        split([text]);
      } catch (e) {
        return [(e as TextFormatError).line, (e as Error).message];
      }
      return undefined;
    };
    expect(error('a,b\n1,2\n"3,4\n')).toEqual([
      3,
      "a quoted field is not closed (a missing closing quote)",
    ]);
    expect(error('a,b\n"1"x,2\n')?.[0]).toBe(2);
    expect(error('a,b\n1,2\n3,4"\n')?.[0]).toBe(3);
  });
});

describe("JsonSplitter", () => {
  it("splits a JSON array across chunks, braces inside strings included", () => {
    const text = '[\n {"a": "}{", "b": [1, {"c": 2}]},\n {"a": "\\"]"}\n]\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const splitter = new JsonSplitter("array");
      const values: [unknown, number][] = [];
      splitter.push(text.slice(0, cut), false, (v, line) => values.push([v, line]));
      splitter.push(text.slice(cut), true, (v, line) => values.push([v, line]));
      expect(values, `cut at ${cut}`).toEqual([
        [{ a: "}{", b: [1, { c: 2 }] }, 2],
        [{ a: '"]' }, 3],
      ]);
    }
  });

  it("reads NDJSON line by line and names a bad line", () => {
    const splitter = new JsonSplitter("ndjson");
    const values: unknown[] = [];
    splitter.push('{"a":1}\n\n{"a":', false, (v) => values.push(v));
    expect(values).toEqual([{ a: 1 }]);
    expect(() => splitter.push("2}\n{x}\n", true, (v) => values.push(v))).toThrow(TextFormatError);
    expect(values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(splitter.line).toBe(5);
  });
});
