import { lstat, mkdir, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { listPlays, type PlayLanguage, playLanguageValues } from "@opsbook/plays";
import { exitCodes } from "../exitCodes.ts";
import { writeFileAtomically } from "../internal/atomicFile.ts";
import type { CommandContext } from "../internal/command.ts";
import { oneOf } from "../internal/oneOf.ts";
import { CommandError, describeFileError, UsageError } from "../internal/usageError.ts";

/** A play slug, as the plays package names plays: kebab-case, no dots, slashes or drive letters. */
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The only file names init writes: `<slug>.md` and a config `<name>.yaml`. */
const fileNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:md|yaml)$/;

/** `opsbook init`: see its help in `init.ts`. */
export async function runInit({
  options,
  positionals,
  cwd,
  stdout,
  quiet,
}: CommandContext): Promise<number> {
  const [name = "", dir = "."] = positionals;
  const language: PlayLanguage = oneOf("init", "lang", options.lang, playLanguageValues) ?? "en";
  if (!slugPattern.test(name)) {
    throw new UsageError(
      `"${name}" is not a play name: expected a slug in kebab-case such as "referral-launch" (no slashes, dots or absolute paths); "opsbook plays" lists them`,
      "init",
    );
  }
  const available = listPlays({ language });
  const play = available.find((candidate) => candidate.slug === name);
  if (!play) {
    const close = available
      .map((candidate) => candidate.slug)
      .filter((slug) => slug.includes(name) || name.includes(slug.split("-")[0] ?? slug));
    const hint = close.length > 0 ? `; did you mean ${close.slice(0, 3).join(", ")}?` : "";
    throw new UsageError(
      `unknown play "${name}" in ${language}${hint} ("opsbook plays${language === "en" ? "" : ` --lang ${language}`}" lists the ${available.length} plays)`,
      "init",
    );
  }

  const target = resolve(cwd, dir);
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new UsageError(`"${dir}" exists and is not a folder`, "init");
  }
  const files = [{ name: `${play.slug}.md`, text: play.markdown }];
  if (play.config) files.push({ name: basename(play.config.fileName), text: play.config.text });

  // Check every file before writing any: a refused init writes nothing.
  const conflicts: string[] = [];
  for (const file of files) {
    const path = join(target, file.name);
    const inside = relative(target, path);
    if (
      !fileNamePattern.test(file.name) ||
      dirname(path) !== target ||
      inside.startsWith("..") ||
      isAbsolute(inside)
    ) {
      // The plays package validates these names; this guards the promise never to write elsewhere.
      throw new Error(`refusing to write "${file.name}": not a plain file name`);
    }
    const found = await lstat(path).catch(() => undefined);
    if (!found) continue;
    if (!found.isFile()) {
      conflicts.push(`${display(cwd, path)} exists and is not a regular file`);
    } else if (options.force !== true) {
      conflicts.push(`${display(cwd, path)} already exists`);
    }
  }
  if (conflicts.length > 0) {
    throw new UsageError(
      `nothing written: ${conflicts.join("; ")}${options.force === true ? "" : " (use --force to overwrite)"}`,
      "init",
    );
  }

  try {
    await mkdir(target, { recursive: true });
    for (const file of files) await writeFileAtomically(join(target, file.name), file.text);
  } catch (error) {
    if (typeof (error as { syscall?: unknown }).syscall !== "string") throw error;
    throw new CommandError(`cannot write into "${dir}": ${describeFileError(error)}`, "init");
  }
  if (!quiet) {
    for (const file of files) {
      stdout.line(`${stdout.styles.green("created")} ${display(cwd, join(target, file.name))}`);
    }
    stdout.line(
      stdout.styles.dim(
        `Edit the play, then check it with "opsbook validate ${files.map((f) => display(cwd, join(target, f.name))).join(" ")}".`,
      ),
    );
  }
  return exitCodes.ok;
}

/** A path as the user would type it: relative to the working folder when inside it. */
function display(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside === "" || inside.startsWith("..") || isAbsolute(inside) ? path : inside;
}
