import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpanDictionary } from "./spanDictionary.ts";

describe("SpanDictionary", () => {
  it("numbers strings in order of first appearance, as a Map would, whether read whole or as spans", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 6, unit: "grapheme" }), { maxLength: 3000 }),
        (words) => {
          const dictionary = new SpanDictionary();
          const expected = new Map<string, number>();
          const text = `,${words.join(",")},`;
          let at = 1;
          words.forEach((word, k) => {
            if (!expected.has(word)) expected.set(word, expected.size);
            const index =
              k % 2 === 0
                ? dictionary.indexOf(text, at, at + word.length)
                : dictionary.indexOf(word, 0, word.length);
            expect(index).toBe(expected.get(word));
            at += word.length + 1;
          });
          expect(dictionary.strings).toEqual([...expected.keys()]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps ids apart that share a hash slot and a length (user-1 … user-99999)", () => {
    const dictionary = new SpanDictionary();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 100_000; i++) {
        const id = `user-${i}`;
        expect(dictionary.indexOf(`x${id}y`, 1, id.length + 1)).toBe(i);
      }
    }
    expect(dictionary.strings.length).toBe(100_000);
  });
});
