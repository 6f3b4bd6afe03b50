import { describe, expect, it } from "vitest";
import { compileDoctest, countAssertions, runDoctest } from "./index.ts";

const math = {
  add: (a: number, b: number) => a + b,
  fail: () => {
    const e = new Error("x");
    e.name = "OpsbookError";
    throw e;
  },
};

describe("runDoctest", () => {
  it("asserts a //=> value on the same line and on the next lines", async () => {
    const code = [
      'import { add } from "math";',
      "add(1, 2) //=> 3",
      "const sum = { total: add(2, 2) };",
      "sum",
      "//=> {",
      "//   total: 4,",
      "// }",
    ].join("\n");
    expect(await runDoctest(code, { math })).toBe(2);
    expect(countAssertions(code)).toBe(2);
  });

  it("fails when the value differs", async () => {
    await expect(
      runDoctest('import { add } from "math";\nadd(1, 2); //=> 4', { math }),
    ).rejects.toThrow(/line 2/);
  });

  it("asserts a thrown error by name", async () => {
    expect(
      await runDoctest('import { fail } from "math";\nfail();\n//=> throws OpsbookError', { math }),
    ).toBe(1);
    await expect(
      runDoctest('import { add } from "math";\nadd(1, 1);\n//=> throws OpsbookError', { math }),
    ).rejects.toThrow();
  });

  it("strips TypeScript types and resolves namespace imports", async () => {
    const js = compileDoctest(
      'import * as m from "math";\nconst n: number = m.add(1, 1);\nn //=> 2',
    );
    expect(js).not.toContain(": number");
    expect(
      await runDoctest('import * as m from "math";\nconst n: number = m.add(1, 1);\nn //=> 2', {
        math,
      }),
    ).toBe(1);
  });

  it("reports an import that was not provided", async () => {
    await expect(runDoctest('import { x } from "nope";\nx //=> 1', {})).rejects.toThrow(/nope/);
  });
});
