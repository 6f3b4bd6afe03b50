/**
 * The files of each play, for download: its Markdown (`/plays/<slug>/<slug>.md`) and its config
 * (`/plays/<slug>/<config>.yaml`), in both editions (`/zh-cn/plays/…`), written at build time
 * exactly as @opsbook/plays ships them, beside the play's page.
 */
import { plays } from "@opsbook/plays";
import type { APIRoute, GetStaticPaths } from "astro";
import { playFilePaths } from "../../../../lib/playLabels.ts";

const contentTypes = {
  md: "text/markdown; charset=utf-8",
  yaml: "application/yaml; charset=utf-8",
} as const;

export const getStaticPaths = (() =>
  plays.flatMap((play) => {
    const lang = play.language === "zh-cn" ? "zh-cn" : undefined;
    const paths = playFilePaths(play);
    const files: { path: string; text: string; type: string }[] = [
      { path: paths.markdown, text: play.markdown, type: contentTypes.md },
    ];
    if (play.config && paths.config) {
      files.push({ path: paths.config, text: play.config.text, type: contentTypes.yaml });
    }
    return files.map((file) => ({
      params: { lang, slug: play.slug, file: file.path.split("/").at(-1) },
      props: { text: file.text, type: file.type },
    }));
  })) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: string; type: string }> = ({ props }) =>
  new Response(props.text, { headers: { "Content-Type": props.type } });
