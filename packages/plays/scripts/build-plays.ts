/**
 * Copies the plays of `playbooks/` into the package: reads every play and config, validates them
 * (frontmatter, sections, configs, English/Chinese twins) and writes `src/generated/plays.ts`, the
 * data behind `plays`, `getPlay` and `listPlays`. Runs before tsdown in `pnpm run build`; the
 * generated module is committed so that the package builds the same from a clean clone, and a test
 * checks that it matches `playbooks/`.
 *
 * Usage: `node scripts/build-plays.ts` (Node ≥ 22.18 strips the types), or through `pnpm run build`.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { OpsbookError, type OpsbookIssue } from "@opsbook/core";
import { categories, categorySlugs } from "../src/categories.ts";
import type { PlayConfigValidator } from "../src/configValidators.ts";
import { parsePlay } from "../src/parsePlay.ts";
import type { PlayEntry } from "../src/plays.ts";
import { validatePlayConfig } from "../src/validatePlayConfig.ts";

/** A file of the playbook: its path inside `playbooks/` (with `/`) and its text. */
export interface PlaybookFile {
  path: string;
  text: string;
}

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const playbooksDir = resolve(packageDir, "../../playbooks");
export const generatedFile = join(packageDir, "src/generated/plays.ts");

const playLocation = /^(?:(zh-cn)\/)?([a-z]+)\/([^/]+)\.md$/;

/** Files that live in `playbooks/` but are not plays: the READMEs and `_`-prefixed files (templates). */
export function isPlayFile(path: string): boolean {
  const name = path.split("/").at(-1) ?? "";
  return (
    name.endsWith(".md") &&
    !name.startsWith("_") &&
    path !== "README.md" &&
    path !== "zh-cn/README.md"
  );
}

/** Reads every Markdown and YAML file under `dir`, sorted by path, line endings normalised. */
export function readPlaybook(dir: string = playbooksDir): PlaybookFile[] {
  const files: PlaybookFile[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(md|ya?ml)$/.test(name)) {
        files.push({
          path: relative(dir, full).split(sep).join("/"),
          text: readFileSync(full, "utf8").replace(/\r\n?/g, "\n"),
        });
      }
    }
  };
  walk(dir);
  return files;
}

const issuesOf = (error: unknown): OpsbookIssue[] => {
  if (error instanceof OpsbookError) return error.issues;
  throw error;
};

const problem = (file: string, message: string): OpsbookIssue => ({
  code: "invalid_input",
  path: [],
  message: `${message} (${file})`,
});

/**
 * Validates the plays among `files` and returns them as package entries, ordered by category, slug
 * and language. Throws one `OpsbookError` listing every problem: a play or config that does not
 * validate, a Markdown file outside `<category>/<slug>.md` or `zh-cn/<category>/<slug>.md`, a
 * missing or unreferenced config, a duplicated slug, an English play without its Chinese twin (or
 * the reverse) or twins that disagree on category or lifecycle stages.
 */
export function collectPlays(
  files: readonly PlaybookFile[],
  options: { validators?: Readonly<Record<string, PlayConfigValidator>> } = {},
): PlayEntry[] {
  const issues: OpsbookIssue[] = [];
  const byPath = new Map(files.map((file) => [file.path, file]));
  const entries: PlayEntry[] = [];
  const referencedConfigs = new Set<string>();
  const invalid = new Set<string>();

  for (const file of files) {
    if (!isPlayFile(file.path)) continue;
    const location = playLocation.exec(file.path);
    const category = categorySlugs.find((slug) => slug === location?.[2]);
    if (!location || !category) {
      issues.push(
        problem(
          `playbooks/${file.path}`,
          "a play lives in <category>/<slug>.md or zh-cn/<category>/<slug>.md, with a category slug " +
            `(${categorySlugs.join(", ")}); rename it with a leading _ if it is not a play`,
        ),
      );
      continue;
    }
    let parsed: ReturnType<typeof parsePlay>;
    try {
      parsed = parsePlay(file.text, { path: `playbooks/${file.path}` });
    } catch (error) {
      issues.push(...issuesOf(error));
      // Reported once: its twin should not also report it missing.
      invalid.add(`${location[1] ?? "en"}:${location[3]}`);
      continue;
    }
    const { config: configName, ...frontmatter } = parsed.frontmatter;
    const entry: Omit<PlayEntry, "markdown"> = {
      slug: parsed.slug,
      language: parsed.language,
      path: file.path,
      ...frontmatter,
    };
    if (configName !== undefined) {
      const configPath = file.path.replace(/[^/]+$/, configName);
      referencedConfigs.add(configPath);
      const config = byPath.get(configPath);
      if (!config) {
        issues.push(
          problem(
            `playbooks/${file.path}`,
            `config: the play names "${configName}", but there is no playbooks/${configPath} beside it`,
          ),
        );
      } else {
        try {
          validatePlayConfig(config.text, {
            path: `playbooks/${configPath}`,
            ...(options.validators ? { validators: options.validators } : {}),
          });
        } catch (error) {
          issues.push(...issuesOf(error));
        }
        entry.config = { fileName: configName, path: configPath, text: config.text };
      }
    }
    // The Markdown goes last: it is the bulk of the entry.
    entries.push({ ...entry, markdown: file.text });
  }

  for (const file of files) {
    if (/\.ya?ml$/.test(file.path) && !referencedConfigs.has(file.path)) {
      issues.push(
        problem(
          `playbooks/${file.path}`,
          "config: no play names this file in its config field (a config lives beside its play and ends in .yaml)",
        ),
      );
    }
  }

  const key = (slug: string, language: string) => `${language}:${slug}`;
  const byKey = new Map<string, PlayEntry>();
  for (const entry of entries) {
    const other = byKey.get(key(entry.slug, entry.language));
    if (other) {
      issues.push(
        problem(
          `playbooks/${entry.path}`,
          `slug: "${entry.slug}" is also the slug of playbooks/${other.path}; slugs are unique in each language`,
        ),
      );
    } else byKey.set(key(entry.slug, entry.language), entry);
  }
  for (const entry of byKey.values()) {
    const twinLanguage = entry.language === "en" ? "zh-cn" : "en";
    const twin = byKey.get(key(entry.slug, twinLanguage));
    const twinPath =
      twinLanguage === "zh-cn" ? `zh-cn/${entry.path}` : entry.path.replace(/^zh-cn\//, "");
    if (!twin) {
      if (invalid.has(key(entry.slug, twinLanguage))) continue;
      issues.push(
        problem(
          `playbooks/${entry.path}`,
          `twin: every play exists in English and Simplified Chinese; missing playbooks/${twinPath}`,
        ),
      );
      continue;
    }
    if (entry.language !== "en") continue;
    if (twin.category !== entry.category) {
      issues.push(
        problem(
          `playbooks/${twin.path}`,
          `category: expected "${entry.category}" as in playbooks/${entry.path}, received "${twin.category}"`,
        ),
      );
    }
    const stages = (play: PlayEntry) => [...play.lifecycleStages].sort().join(", ");
    if (stages(twin) !== stages(entry)) {
      issues.push(
        problem(
          `playbooks/${twin.path}`,
          `lifecycleStages: expected [${stages(entry)}] as in playbooks/${entry.path}, received [${stages(twin)}]`,
        ),
      );
    }
  }

  if (issues.length > 0) throw OpsbookError.fromIssues(issues, "playbook");
  const order = new Map(categories.map((category) => [category.slug, category.order]));
  return entries.sort(
    (a, b) =>
      order.get(a.category)! - order.get(b.category)! ||
      (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) ||
      (a.language === "en" ? -1 : 1) - (b.language === "en" ? -1 : 1),
  );
}

/** The text of `src/generated/plays.ts` for these entries. */
export function renderPlaysModule(entries: readonly PlayEntry[]): string {
  return [
    "// Generated by scripts/build-plays.ts from the playbooks/ folder: do not edit by hand.",
    "// Run `pnpm --filter @opsbook/plays run build` after changing a play; a test checks this file is current.",
    'import type { PlayEntry } from "../plays.ts";',
    "",
    `export const generatedPlays: PlayEntry[] = ${JSON.stringify(entries, null, 2)};`,
    "",
  ].join("\n");
}

/** Validates `playbooks/` and rewrites the generated module when it changed. */
export function buildPlays(): { plays: number; changed: boolean } {
  const entries = collectPlays(readPlaybook(playbooksDir));
  const text = renderPlaysModule(entries);
  const changed = !existsSync(generatedFile) || readFileSync(generatedFile, "utf8") !== text;
  if (changed) writeFileSync(generatedFile, text);
  return { plays: entries.length, changed };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { plays, changed } = buildPlays();
    console.log(
      `@opsbook/plays: ${plays} plays from playbooks/ ${changed ? "written to" : "unchanged in"} src/generated/plays.ts`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
