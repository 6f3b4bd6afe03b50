import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import type { OpsbookIssue } from "@opsbook/core";
import {
  type PlayLanguage,
  parsePlay,
  playLanguageValues,
  playSections,
  validatePlayConfig,
} from "@opsbook/plays";
import { exitCodes } from "../exitCodes.ts";
import type { CommandContext } from "../internal/command.ts";
import { oneOf } from "../internal/oneOf.ts";
import { UsageError } from "../internal/usageError.ts";

/** A problem in a file, at a 1-based line and column. */
interface FileProblem {
  line: number;
  column: number;
  code: string;
  path: (string | number)[];
  message: string;
  expected?: string;
  received?: string;
}

interface FileResult {
  file: string;
  kind: "play" | "config" | "unknown";
  valid: boolean;
  problems: FileProblem[];
}

/** `opsbook validate`: see its help in `validate.ts`. */
export async function runValidate({
  options,
  positionals,
  cwd,
  stdout,
  quiet,
}: CommandContext): Promise<number> {
  const language = oneOf("validate", "lang", options.lang, playLanguageValues);
  const texts = await Promise.all(
    positionals.map(async (file) => {
      try {
        return await readFile(resolve(cwd, file), "utf8");
      } catch (error) {
        const code = (error as { code?: string }).code;
        const reason =
          code === "ENOENT"
            ? "no such file"
            : code === "EISDIR"
              ? "it is a folder; name the files, e.g. folder/*.md"
              : ((error as Error).message ?? String(error));
        throw new UsageError(`cannot read "${file}": ${reason}`, "validate");
      }
    }),
  );
  const results = positionals.map((file, index) => check(file, texts[index]!, language));
  const failed = results.filter((result) => !result.valid);

  if (options.json === true) {
    stdout.line(JSON.stringify({ valid: failed.length === 0, files: results }, null, 2));
  } else {
    const { styles } = stdout;
    for (const result of results) {
      if (result.valid) {
        if (!quiet)
          stdout.line(`${styles.green("ok")}    ${result.file} ${styles.dim(`(${result.kind})`)}`);
        continue;
      }
      for (const problem of result.problems) {
        stdout.line(
          `${styles.bold(`${result.file}:${problem.line}:${problem.column}`)}: ${styles.red("error")} ${describe(problem)}`,
        );
      }
    }
    if (!quiet) {
      const count = failed.reduce((sum, result) => sum + result.problems.length, 0);
      const summary =
        failed.length === 0
          ? styles.green(`${results.length} file${plural(results.length)} valid`)
          : styles.red(
              `${count} problem${plural(count)} in ${failed.length} of ${results.length} file${plural(results.length)}`,
            );
      stdout.line(summary);
    }
  }
  return failed.length === 0 ? exitCodes.ok : exitCodes.problem;
}

const plural = (count: number) => (count === 1 ? "" : "s");

/** The message without the `(file:line:column)` the plays package appends, plus what was expected. */
function describe(problem: FileProblem): string {
  const message = problem.message.replace(/ \([^()]*:\d+:\d+\)$/, "");
  const expected = problem.expected;
  if (
    !expected ||
    message.includes("expected") ||
    message.includes(expected.replace(/^one of /, ""))
  ) {
    return message;
  }
  return `${message} (expected ${expected})`;
}

function check(file: string, text: string, language: PlayLanguage | undefined): FileResult {
  const extension = extname(file).toLowerCase();
  const kind =
    extension === ".md" ? "play" : [".yaml", ".yml"].includes(extension) ? "config" : "unknown";
  if (kind === "unknown") {
    return {
      file,
      kind,
      valid: false,
      problems: [
        {
          line: 1,
          column: 1,
          code: "unsupported",
          path: [],
          message: `file: expected a play (.md) or a YAML config (.yaml or .yml), received a ${extension || "file without extension"} file`,
          expected: ".md, .yaml or .yml",
        },
      ],
    };
  }
  try {
    if (kind === "play")
      parsePlay(text, { path: file, language: language ?? languageOf(file, text) });
    else validatePlayConfig(text, { path: file });
    return { file, kind, valid: true, problems: [] };
  } catch (error) {
    if ((error as Error)?.name !== "OpsbookError") throw error;
    const issues = (error as { issues: (OpsbookIssue & { line?: number; column?: number })[] })
      .issues;
    return {
      file,
      kind,
      valid: false,
      problems: issues.map((issue) => {
        const problem: FileProblem = {
          line: issue.line ?? 1,
          column: issue.column ?? 1,
          code: issue.code,
          path: issue.path,
          message: issue.message,
        };
        if (issue.expected !== undefined) problem.expected = issue.expected;
        if (issue.received !== undefined) problem.received = issue.received;
        return problem;
      }),
    };
  }
}

const chineseHeadings = new Set(playSections.map((section) => section.heading["zh-cn"]));

/**
 * The language of a play outside `playbooks/`: undefined when a `zh-cn` folder in the path tells
 * (parsePlay reads it), else Chinese when a section heading is one of the Chinese headings.
 */
function languageOf(file: string, text: string): PlayLanguage | undefined {
  if (file.replace(/\\/g, "/").split("/").includes("zh-cn")) return undefined;
  const chinese = text
    .split(/\r?\n/)
    .some((line) => line.startsWith("## ") && chineseHeadings.has(line.slice(3).trim()));
  return chinese ? "zh-cn" : undefined;
}
