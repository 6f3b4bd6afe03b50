import { formatPath, type OpsbookIssue, toOpsbookIssues } from "@opsbook/core";
import { type Document, isMap, isScalar, isSeq, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { type LocatedIssue, locate } from "./locatedIssue.ts";
import { positionAt } from "./textPosition.ts";

/** Where a YAML source sits in its file, to turn YAML offsets into file lines and columns. */
export interface YamlPlacement {
  /** The file, as the caller named it. */
  file?: string;
  /** Line starts of the whole file (see `lineStarts`). */
  starts: readonly number[];
  /** Offset of the YAML source's first character in the file. */
  offset: number;
}

/** A parsed YAML source: its plain value, or the syntax errors that prevent one. */
export interface YamlSource {
  document: Document.Parsed;
  value: unknown;
  issues: LocatedIssue[];
}

const rangeStart = (node: Node | null | undefined): number | undefined =>
  node?.range ? node.range[0] : undefined;

/**
 * Offset in the YAML source of the node at `path`: the value when it exists, the key when asked for
 * (unknown keys) or when the value is empty, else the nearest enclosing node (missing keys).
 */
export function offsetOfPath(
  document: Document.Parsed,
  path: readonly PropertyKey[],
  pointAtKey = false,
): number {
  let node: unknown = document.contents;
  let offset = rangeStart(document.contents) ?? 0;
  for (const [index, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => (isScalar(item.key) ? item.key.value : item.key) === key,
      );
      if (!pair) return offset;
      const keyStart = rangeStart(pair.key as Node | null) ?? offset;
      const value = pair.value as Node | null;
      const isLast = index === path.length - 1;
      const empty = value === null || (isScalar(value) && value.value === null);
      if ((isLast && pointAtKey) || empty) return keyStart;
      node = value;
      offset = rangeStart(value) ?? keyStart;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item) return offset;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Parses YAML 1.2 (core schema: dates stay strings, duplicate keys are errors). */
export function parseYamlSource(
  source: string,
  placement: YamlPlacement,
  label: string,
): YamlSource {
  const document = parseDocument(source, {
    prettyErrors: false,
    uniqueKeys: true,
    version: "1.2",
    schema: "core",
  });
  const issues = document.errors.map((error) =>
    locate(
      { code: "invalid_input", path: [], message: `${label}: ${error.message}` },
      placement.file,
      positionAt(placement.starts, placement.offset + error.pos[0]),
    ),
  );
  return { document, value: issues.length === 0 ? document.toJS() : undefined, issues };
}

/** Places an Opsbook issue (path relative to the YAML root) at its value in the file. */
export function placeIssue(
  issue: OpsbookIssue,
  document: Document.Parsed,
  placement: YamlPlacement,
  pointAtKey = false,
): LocatedIssue {
  const offset = offsetOfPath(document, issue.path, pointAtKey);
  return locate(issue, placement.file, positionAt(placement.starts, placement.offset + offset));
}

/**
 * Checks a parsed YAML value with a zod schema; every problem is located at the offending value
 * (unknown keys at the key, missing keys at the enclosing mapping).
 */
export function checkYamlValue<S extends z.ZodType>(
  schema: S,
  source: YamlSource,
  placement: YamlPlacement,
  label: string,
): { data?: z.output<S>; issues: LocatedIssue[] } {
  const result = schema.safeParse(source.value, { reportInput: true });
  if (result.success) return { data: result.data, issues: [] };
  const issues: LocatedIssue[] = [];
  for (const zodIssue of result.error.issues) {
    if (zodIssue.code === "unrecognized_keys") {
      // One issue per unknown key, each pointing at the key itself.
      for (const key of zodIssue.keys) {
        const path = [...zodIssue.path.map((k) => (typeof k === "symbol" ? String(k) : k)), key];
        const issue: OpsbookIssue = {
          code: "invalid_input",
          path,
          message: `${formatPath(path)}: unknown field (a misspelt name?); expected no other keys`,
          expected: "no other keys",
          received: `key ${JSON.stringify(key)}`,
        };
        issues.push(placeIssue(issue, source.document, placement, true));
      }
      continue;
    }
    for (const issue of toOpsbookIssues([zodIssue])) {
      const where = formatPath(issue.path) || label;
      if (issue.received === "undefined") {
        issue.message = `${where}: missing${issue.expected ? ` (expected ${issue.expected})` : ""}`;
      } else if (/^[a-z]/.test(zodIssue.message)) {
        // Our schemas word their own messages in lower case (zod's defaults start with a capital):
        // keep them, they say what to write.
        const received = issue.received ? `, received ${issue.received}` : "";
        issue.message = `${where}: ${zodIssue.message}${received}`;
      }
      issues.push(placeIssue(issue, source.document, placement));
    }
  }
  return { issues };
}
