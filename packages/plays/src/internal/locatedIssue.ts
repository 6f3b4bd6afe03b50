import { OpsbookError, type OpsbookIssue } from "@opsbook/core";
import type { TextPosition } from "./textPosition.ts";

/**
 * An issue found in a file, with the 1-based line and column of the offending value. The message
 * ends with `(file:line:column)`, the form editors and terminals turn into a link, or with
 * `(line L, column C)` when the text has no file name.
 */
export interface LocatedIssue extends OpsbookIssue {
  /** The file, as the caller named it. */
  file?: string;
  /** 1-based line of the offending value in the file. */
  line: number;
  /** 1-based column of the offending value in the file. */
  column: number;
}

/** Adds the file position to an issue and to its message. */
export function locate(
  issue: OpsbookIssue,
  file: string | undefined,
  at: TextPosition,
): LocatedIssue {
  const where =
    file === undefined ? `line ${at.line}, column ${at.column}` : `${file}:${at.line}:${at.column}`;
  const located: LocatedIssue = {
    ...issue,
    message: `${issue.message} (${where})`,
    line: at.line,
    column: at.column,
  };
  if (file !== undefined) located.file = file;
  return located;
}

/** One error listing every issue, in file order. */
export function locatedError(issues: LocatedIssue[], subject: string): OpsbookError {
  const sorted = [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
  return OpsbookError.fromIssues(sorted, subject);
}
