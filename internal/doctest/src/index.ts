/**
 * Doctests: every `@example` in a package's TSDoc is executed by the test suite and every `//=>` value
 * in it is asserted.
 *
 * Conventions inside an ```ts fenced block of an `@example`:
 * - imports from the package's own name (and any other name passed in `modules`) are resolved to the
 *   module objects given, so examples are written exactly as a user writes them;
 * - an expression statement followed by `//=> value` (on the same line or the next lines) asserts that
 *   the expression deep-equals `value` (a JavaScript expression; continuation lines start with `//`);
 * - `//=> throws Name` asserts that the expression throws an error whose `name` is `Name`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** One runnable example found in a source file. */
export interface Doctest {
  file: string;
  /** Name of the declaration the example documents. */
  name: string;
  /** 1-based index of the example among the declaration's examples. */
  index: number;
  /** TypeScript source of the example. */
  code: string;
}

const fence = /```(?:ts|typescript|js)\s*\n([\s\S]*?)```/g;

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listSources(full));
    else if (/\.ts$/.test(entry) && !/\.(test|test-d|bench)\.ts$/.test(entry)) out.push(full);
  }
  return out.sort();
}

function declarationName(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (ts.isVariableStatement(node)) {
    const first = node.declarationList.declarations[0];
    if (first && ts.isIdentifier(first.name)) return first.name.text;
  }
  return "(anonymous)";
}

/** Finds every `@example` code block in the TypeScript files under `dir`. */
export function collectDoctests(dir: string): Doctest[] {
  const found: Doctest[] = [];
  for (const file of listSources(dir)) {
    const text = readFileSync(file, "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const docs = (node as ts.Node & { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
      let index = 0;
      for (const doc of docs) {
        for (const tag of doc.tags ?? []) {
          if (tag.tagName.text !== "example") continue;
          const comment =
            typeof tag.comment === "string"
              ? tag.comment
              : (ts.getTextOfJSDocComment(tag.comment) ?? "");
          for (const match of comment.matchAll(fence)) {
            index += 1;
            found.push({
              file: relative(dir, file),
              name: declarationName(node),
              index,
              code: match[1] ?? "",
            });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

interface Expectation {
  start: number;
  end: number;
  expected: string;
  line: number;
}

/** Parses `//=>` comments that follow an expression statement; returns the expected source. */
function expectationAfter(
  code: string,
  from: number,
): { expected: string; end: number } | undefined {
  const rest = code.slice(from);
  const match = /^[ \t;]*(?:\r?\n[ \t]*)?\/\/=>[ \t]?(.*)/.exec(rest);
  if (!match) return undefined;
  let expected = match[1] ?? "";
  let end = from + match[0].length;
  for (;;) {
    const more = /^\r?\n[ \t]*\/\/(?!=>)[ \t]?(.*)/.exec(code.slice(end));
    if (!more) break;
    expected += `\n${more[1] ?? ""}`;
    end += more[0].length;
  }
  return { expected: expected.trim(), end };
}

/** Rewrites an example into a script: imports become lookups, `//=>` comments become assertions. */
export function compileDoctest(code: string): string {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.Latest, true);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const expectations: Expectation[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const spec = (statement.moduleSpecifier as ts.StringLiteral).text;
      const clause = statement.importClause;
      let text = "";
      if (clause && !clause.isTypeOnly) {
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
          text = `const ${bindings.name.text} = __module(${JSON.stringify(spec)});`;
        } else if (bindings && ts.isNamedImports(bindings)) {
          const parts = bindings.elements
            .filter((e) => !e.isTypeOnly)
            .map((e) => (e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text));
          if (parts.length > 0)
            text = `const { ${parts.join(", ")} } = __module(${JSON.stringify(spec)});`;
        }
        if (clause.name)
          text += `const ${clause.name.text} = __module(${JSON.stringify(spec)}).default;`;
      }
      edits.push({ start: statement.getStart(), end: statement.end, text });
      continue;
    }
    if (ts.isExpressionStatement(statement)) {
      const after = expectationAfter(code, statement.end);
      if (after) {
        const expr = statement.expression.getText(source);
        const line = source.getLineAndCharacterOfPosition(statement.getStart()).line + 1;
        expectations.push({
          start: statement.getStart(),
          end: after.end,
          expected: after.expected,
          line,
        });
        const throws = /^throws\s+(\w+)$/.exec(after.expected);
        const text = throws
          ? `await __throws(async () => (${expr}), ${JSON.stringify(throws[1])}, ${line});`
          : `__equal(await (${expr}), (${after.expected}), ${line});`;
        edits.push({ start: statement.getStart(), end: after.end, text });
      }
    }
  }
  let rewritten = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    rewritten = rewritten.slice(0, edit.start) + edit.text + rewritten.slice(edit.end);
  }
  const js = ts.transpileModule(rewritten, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: false,
    },
  }).outputText;
  return js.replace(/^export \{\};\s*$/m, "");
}

/** Counts the `//=>` assertions in an example (a doctest without any still must run without error). */
export function countAssertions(code: string): number {
  return (code.match(/\/\/=>/g) ?? []).length;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>;

/** Runs one example against the given modules; rejects with a located message when a value differs. */
export async function runDoctest(code: string, modules: Record<string, unknown>): Promise<number> {
  let asserted = 0;
  const module = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`doctest imports "${name}", which was not provided`);
    return modules[name];
  };
  const equal = (actual: unknown, expected: unknown, line: number): void => {
    asserted += 1;
    expect(actual, `example line ${line}`).toEqual(expected);
  };
  const throws = async (fn: () => Promise<unknown>, name: string, line: number): Promise<void> => {
    asserted += 1;
    let caught: unknown;
    try {
      await fn();
    } catch (error) {
      caught = error;
    }
    expect(caught, `example line ${line} should throw ${name}`).toBeInstanceOf(Error);
    expect((caught as Error).name, `example line ${line}`).toBe(name);
  };
  const fn = new AsyncFunction("__module", "__equal", "__throws", compileDoctest(code));
  await fn(module, equal, throws);
  return asserted;
}

/**
 * Declares one Vitest test per `@example` found under `srcDir`.
 *
 * @param srcDir - `new URL("./", import.meta.url)` of the package's `src/` folder, or a path.
 * @param modules - module objects by import specifier, e.g. `{ "@opsbook/core": core }`.
 */
export function describeDoctests(srcDir: URL | string, modules: Record<string, unknown>): void {
  const dir = typeof srcDir === "string" ? srcDir : fileURLToPath(srcDir);
  const tests = collectDoctests(dir);
  describe("TSDoc @example blocks", () => {
    it("finds examples to run", () => {
      expect(tests.length).toBeGreaterThan(0);
    });
    for (const test of tests) {
      it(`${test.file} › ${test.name} example ${test.index}`, async () => {
        const asserted = await runDoctest(test.code, modules);
        expect(asserted, "an example should assert at least one //=> value").toBe(
          countAssertions(test.code),
        );
      });
    }
  });
}
