import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OpsbookError } from "./errors.ts";
import { toOpsbookIssues, validate } from "./validate.ts";

function caught(fn: () => unknown): OpsbookError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OpsbookError) return error;
    throw error;
  }
  throw new Error("expected an OpsbookError");
}

describe("validate", () => {
  const schema = z.object({
    name: z.string(),
    users: z.number().int().min(1).max(1000),
    plan: z.enum(["free", "pro"]).default("free"),
    tags: z.array(z.string()).optional(),
  });

  it("returns the parsed value with defaults applied", () => {
    expect(validate(schema, { name: "a", users: 3 })).toEqual({
      name: "a",
      users: 3,
      plan: "free",
    });
  });

  it("reports every problem, each with dotted path, expected and received", () => {
    const error = caught(() =>
      validate(
        schema,
        { name: 1, users: 5000, plan: "team", tags: ["ok", 2] },
        { label: "options" },
      ),
    );
    expect(error.issues).toEqual([
      {
        code: "invalid_input",
        path: ["name"],
        message: "name: expected string, received number 1",
        expected: "string",
        received: "number 1",
      },
      {
        code: "out_of_range",
        path: ["users"],
        message: "users: expected number ≤ 1000, received number 5000",
        expected: "number ≤ 1000",
        received: "number 5000",
      },
      {
        code: "invalid_input",
        path: ["plan"],
        message: 'plan: expected one of "free", "pro", received string "team"',
        expected: 'one of "free", "pro"',
        received: 'string "team"',
      },
      {
        code: "invalid_input",
        path: ["tags", 1],
        message: "tags[1]: expected string, received number 2",
        expected: "string",
        received: "number 2",
      },
    ]);
    expect(error.message.split("\n")[0]).toBe("Invalid options (4 problems):");
    expect(error.code).toBe("invalid_input");
    expect(error.path).toEqual(["name"]);
  });

  it("prefixes issue paths with options.path and names the root with the label", () => {
    const error = caught(() => validate(z.number(), "x", { path: ["config", "limit"] }));
    expect(error.issues[0]?.message).toBe('config.limit: expected number, received string "x"');
    const root = caught(() => validate(z.object({}), null, { label: "options" }));
    expect(root.issues[0]?.message).toBe("options: expected object, received null");
  });

  it("reports unknown keys of a strict object", () => {
    const error = caught(() => validate(z.strictObject({ a: z.number() }), { a: 1, b: 2, c: 3 }));
    expect(error.issues[0]?.message).toBe('input: expected no other keys, received keys "b", "c"');
  });

  it("reports the deepest failing option of a union", () => {
    const union = z.union([z.object({ kind: z.literal("a"), n: z.number() }), z.string()]);
    const error = caught(() => validate(union, { kind: "a", n: "1" }));
    expect(error.issues.map((i) => i.message)).toEqual(['n: expected number, received string "1"']);
  });

  it("keeps the code, expected and received given by a custom check", () => {
    const schema = z.string().refine((s) => s.startsWith("P"), {
      message: "expected ISO-8601 duration",
      params: { code: "unsupported", expected: "ISO-8601 duration" },
    });
    const error = caught(() => validate(schema, "1 day", { path: ["effort", "prep"] }));
    expect(error.issues[0]).toEqual({
      code: "unsupported",
      path: ["effort", "prep"],
      message: 'effort.prep: expected ISO-8601 duration, received string "1 day"',
      expected: "ISO-8601 duration",
      received: 'string "1 day"',
    });
  });

  it("describes string, array and format limits in words", () => {
    const messages = toOpsbookIssues(
      z
        .object({
          s: z.string().min(2),
          a: z.array(z.number()).max(1),
          e: z.email(),
          m: z.number().multipleOf(5),
        })
        .safeParse({ s: "x", a: [1, 2], e: "nope", m: 7 }, { reportInput: true }).error?.issues ??
        [],
    ).map((i) => i.message);
    expect(messages).toEqual([
      's: expected string of length ≥ 2, received string "x"',
      "a: expected array with ≤ 1 items, received array",
      'e: expected email string, received string "nope"',
      "m: expected multiple of 5, received number 7",
    ]);
  });
});
