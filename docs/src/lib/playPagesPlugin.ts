/**
 * A Starlight plugin that writes one content page per play of @opsbook/plays, in both editions
 * (`src/content/docs/plays/<slug>.mdx` and `src/content/docs/zh-cn/plays/<slug>.mdx`), before the
 * content collections load — as starlight-typedoc writes the API reference. The pages are
 * generated on every build and git-ignored, so a play added to `playbooks/` gets its page by
 * itself. Being ordinary content pages, they get the site's layout, sidebar, language switcher,
 * table of contents, search and sitemap entry, and the link validator checks links to them and in
 * them. Each page is the play's metadata card (`PlayPage.astro`) followed by the play's body.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { StarlightPlugin } from "@astrojs/starlight/types";
import { type PlayEntry, type PlayLanguage, plays } from "@opsbook/plays";
import { markdownToMdx } from "./markdownToMdx.ts";

/** The folder of a language's generated play pages, inside the docs collection. */
const folders: Record<PlayLanguage, string> = { en: "plays", "zh-cn": "zh-cn/plays" };

/** The play's body: its Markdown after the frontmatter. */
export function playBody(markdown: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/.exec(markdown);
  return match ? markdown.slice(match[0].length) : markdown;
}

function pageSource(play: PlayEntry, order: number): string {
  const depth = play.language === "en" ? "../../../" : "../../../../";
  // JSON strings are valid YAML scalars: no quoting rules to get wrong in titles.
  return [
    "---",
    `title: ${JSON.stringify(play.title)}`,
    `description: ${JSON.stringify(play.summary)}`,
    "sidebar:",
    `  order: ${order}`,
    "---",
    "",
    `{/* Generated from @opsbook/plays (${play.path}) by src/lib/playPagesPlugin.ts on every build: edit the play, not this file. */}`,
    "",
    `import PlayPage from "${depth}components/PlayPage.astro";`,
    "",
    `<PlayPage slug=${JSON.stringify(play.slug)} language=${JSON.stringify(play.language)} />`,
    "",
    markdownToMdx(playBody(play.markdown)).trim(),
    "",
  ].join("\n");
}

/** Writes the play pages of both languages under `docsDir`, replacing the previous ones. */
export function writePlayPages(docsDir: string): number {
  let written = 0;
  for (const language of Object.keys(folders) as PlayLanguage[]) {
    const folder = `${docsDir}/${folders[language]}`;
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    // `plays` is in handbook order (category, then slug): the sidebar keeps it.
    const list = plays.filter((play) => play.language === language);
    list.forEach((play, index) => {
      writeFileSync(`${folder}/${play.slug}.mdx`, pageSource(play, index + 1));
      written += 1;
    });
  }
  return written;
}

/** The Starlight plugin: generates the play pages when the site is built, served in dev or synced. */
export const playPagesPlugin: StarlightPlugin = {
  name: "opsbook-play-pages",
  hooks: {
    "config:setup"({ astroConfig, command, logger }) {
      // `astro preview` serves the built site: the pages are already in it.
      if (command === "preview") return;
      const docsDir = fileURLToPath(new URL("content/docs", astroConfig.srcDir));
      const count = writePlayPages(docsDir);
      logger.info(`wrote ${count} play pages from @opsbook/plays`);
    },
  },
};
