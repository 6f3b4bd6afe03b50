import { describe, expect, it } from "vitest";
import { describeValue, fail, formatPath, issueOf, OpsbookError } from "./errors.ts";

describe("formatPath", () => {
  it("writes indices in brackets and identifier keys after dots, like JavaScript", () => {
    expect(formatPath(["events", 3, "timestamp"])).toBe("events[3].timestamp");
    expect(formatPath([2, "userId"])).toBe("[2].userId");
    expect(formatPath(["a", "b", 0, 1])).toBe("a.b[0][1]");
  });
  it("quotes keys that are not identifiers", () => {
    expect(formatPath(["properties", "plan name"])).toBe('properties["plan name"]');
    expect(formatPath(["1st"])).toBe('["1st"]');
  });
  it("gives an empty string for the root", () => {
    expect(formatPath([])).toBe("");
  });
});

describe("OpsbookError", () => {
  it("is an Error named OpsbookError with code, path and one issue by default", () => {
    const error = new OpsbookError("not_found", "currency: XYZ is not an ISO 4217 code", [
      "currency",
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("OpsbookError");
    expect(error.code).toBe("not_found");
    expect(error.path).toEqual(["currency"]);
    expect(error.issues).toEqual([
      { code: "not_found", path: ["currency"], message: "currency: XYZ is not an ISO 4217 code" },
    ]);
    expect(String(error)).toBe("OpsbookError: currency: XYZ is not an ISO 4217 code");
  });

  it("keeps a cause", () => {
    const cause = new RangeError("inner");
    expect(new OpsbookError("invalid_input", "outer", [], { cause }).cause).toBe(cause);
  });

  it("lists every issue in the message of fromIssues, first issue giving code and path", () => {
    const error = OpsbookError.fromIssues(
      [
        issueOf("out_of_range", ["events", 0, "timestamp"], "epoch milliseconds", 1e20),
        issueOf("invalid_input", ["events", 4, "userId"], "non-empty string", ""),
      ],
      "events",
    );
    expect(error.code).toBe("out_of_range");
    expect(error.path).toEqual(["events", 0, "timestamp"]);
    expect(error.message).toBe(
      [
        "Invalid events (2 problems):",
        "- events[0].timestamp: expected epoch milliseconds, received number 100000000000000000000",
        '- events[4].userId: expected non-empty string, received string ""',
      ].join("\n"),
    );
    expect(error.issues[1]).toMatchObject({ expected: "non-empty string", received: 'string ""' });
  });

  it("uses the single issue's message as is", () => {
    expect(() => fail("conflict", ["b", 1, "currency"], "USD", "EUR")).toThrow(
      'b[1].currency: expected USD, received string "EUR"',
    );
  });
});

describe("describeValue", () => {
  it("names the type and shows short values", () => {
    expect(describeValue(null)).toBe("null");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(Number.NaN)).toBe("number NaN");
    expect(describeValue(true)).toBe("boolean true");
    expect(describeValue(3n)).toBe("bigint 3n");
    expect(describeValue(new Date(Number.NaN))).toBe("Date Invalid Date");
    expect(describeValue(new Date(0))).toBe("Date 1970-01-01T00:00:00.000Z");
    expect(describeValue([1])).toBe("array");
    expect(describeValue({})).toBe("object");
    expect(describeValue(() => 1)).toBe("function");
    expect(describeValue("x".repeat(50))).toBe(`string "${"x".repeat(37)}..."`);
  });
});
