// @ts-check
import { fileURLToPath } from "node:url";
import starlight from "@astrojs/starlight";
import { defineConfig } from "astro/config";
import starlightLinksValidator from "starlight-links-validator";
import starlightTypeDoc from "starlight-typedoc";
import { playPagesPlugin } from "./src/lib/playPagesPlugin.ts";

/** Packages whose TSDoc becomes the API reference (English only, generated at build, not committed). */
const apiPackages = [
  "core",
  "sample-data",
  "experiments",
  "plays",
  "pricing",
  "lifecycle",
  "metrics",
  "persona",
  "growth",
];

/**
 * Packages that the calculator islands import in the browser. Each package's dist is a single
 * module whose top-level code (decimal.js and date-fns set-up in core, all five distributions in
 * experiments) stays in any bundle that imports it; resolving the client build to the packages'
 * source modules (same code, `sideEffects: false`) lets the bundler keep only the modules an island
 * uses. Build-time code (pages, live examples) keeps importing the built packages.
 */
const islandPackages = new Map(
  ["core", "experiments", "pricing", "metrics", "lifecycle", "persona", "growth"].map((name) => [
    `@opsbook/${name}`,
    fileURLToPath(new URL(`../packages/${name}/src/index.ts`, import.meta.url)),
  ]),
);

/** @type {import("vite").Plugin} */
const islandsFromPackageSources = {
  name: "opsbook-islands-from-package-sources",
  enforce: "pre",
  resolveId(id) {
    if (this.environment?.name !== "client") return null;
    return islandPackages.get(id) ?? null;
  },
};

/**
 * The API reference in the sidebar: one entry per package page, which lists the package's functions,
 * classes and types. Listing every symbol of every package (over 400) on every page of the site
 * would multiply the size of each page and the work of assistive technology that reads it.
 */
const apiSidebarGroup = {
  label: "API reference",
  translations: { "zh-CN": "API 参考（英文）" },
  collapsed: true,
  items: [
    { slug: "api", label: "Overview", translations: { "zh-CN": "概览" } },
    ...apiPackages.map((name) => ({ slug: `api/opsbook/${name}`, label: `@opsbook/${name}` })),
  ],
};

export default defineConfig({
  site: "https://opsbook.dev",
  vite: {
    plugins: [islandsFromPackageSources],
    build: {
      rolldownOptions: {
        // The @stdlib distribution functions are CommonJS, which the bundler cannot prove free of
        // side effects; they are pure, so an island that does not call one drops it.
        treeshake: { moduleSideEffects: (id) => !/[\\/]@stdlib[\\/]/.test(id) },
      },
    },
  },
  integrations: [
    starlight({
      title: "Opsbook",
      description:
        "Opsbook: tested, typed building blocks and a playbook for product operations, in English and Simplified Chinese.",
      favicon: "/favicon.svg",
      customCss: ["./src/styles/site.css"],
      // Code wraps instead of scrolling sideways: readable on a phone, and no scrollable code
      // region without a name for assistive technology.
      expressiveCode: { defaultProps: { wrap: true } },
      // Starlight's search, loading its UI on first use instead of on every page (see the file).
      components: { Search: "./src/components/overrides/Search.astro" },
      defaultLocale: "root",
      locales: {
        root: { label: "English", lang: "en" },
        "zh-cn": { label: "简体中文", lang: "zh-CN" },
      },
      social: [{ icon: "github", label: "GitHub", href: "https://github.com/opsbook/opsbook" }],
      sidebar: [
        {
          label: "Start here",
          translations: { "zh-CN": "从这里开始" },
          items: [{ slug: "start-here" }],
        },
        {
          label: "Handbook",
          translations: { "zh-CN": "运营手册" },
          items: [{ autogenerate: { directory: "handbook" } }],
        },
        {
          label: "Guides",
          translations: { "zh-CN": "指南" },
          items: [
            { slug: "guides/core" },
            { slug: "guides/sample-data" },
            { slug: "guides/experiments" },
            { slug: "guides/pricing" },
            { slug: "guides/lifecycle" },
            { slug: "guides/metrics" },
            { slug: "guides/persona" },
            { slug: "guides/growth" },
            { slug: "guides/referrals" },
          ],
        },
        {
          label: "Plays",
          translations: { "zh-CN": "玩法" },
          items: [
            { slug: "plays" },
            // One page per play, generated from @opsbook/plays (src/lib/playPagesPlugin.ts).
            {
              label: "All plays",
              translations: { "zh-CN": "全部玩法" },
              collapsed: true,
              items: [{ autogenerate: { directory: "plays" } }],
            },
          ],
        },
        {
          label: "Glossary",
          translations: { "zh-CN": "指标词汇表" },
          items: [{ slug: "glossary" }],
        },
        {
          label: "Tools",
          translations: { "zh-CN": "工具" },
          items: [
            { slug: "tools", label: "All tools", translations: { "zh-CN": "全部工具" } },
            {
              slug: "tools/sample-size",
              label: "Sample size",
              translations: { "zh-CN": "样本量" },
            },
            {
              slug: "tools/significance",
              label: "Significance",
              translations: { "zh-CN": "显著性" },
            },
            {
              slug: "tools/tier-pricing",
              label: "Tier pricing",
              translations: { "zh-CN": "阶梯定价" },
            },
            {
              slug: "tools/xp-curve",
              label: "XP curve",
              translations: { "zh-CN": "等级经验曲线" },
            },
            {
              slug: "tools/van-westendorp",
              label: "Van Westendorp",
              translations: { "zh-CN": "价格敏感度" },
            },
            {
              slug: "tools/bass-stage",
              label: "Bass stage",
              translations: { "zh-CN": "产品阶段" },
            },
            { slug: "tools/rfm", label: "RFM segments", translations: { "zh-CN": "RFM 分群" } },
          ],
        },
        apiSidebarGroup,
      ],
      plugins: [
        starlightTypeDoc({
          entryPoints: apiPackages.map((name) => `../packages/${name}`),
          output: "api",
          sidebar: { label: "API reference", collapsed: true },
          typeDoc: {
            entryPointStrategy: "packages",
            // Each package is documented from its source entry point with its own tsconfig.
            packageOptions: {
              entryPoints: ["src/index.ts"],
              tsconfig: "tsconfig.json",
              readme: "none",
              excludeExternals: true,
              sort: ["kind", "alphabetical"],
              // No public repository to link source lines to yet: omit "Defined in" links rather
              // than emit broken ones.
              disableSources: true,
              disableGit: true,
            },
            readme: "none",
            // Package pages become /api/<scope>/<name>/ and the overview /api/ (kept by starlight-typedoc,
            // which drops README.md pages when no readme is configured).
            entryFileName: "index",
            name: "API reference",
            excludeExternals: true,
            sort: ["kind", "alphabetical"],
            disableSources: true,
          },
        }),
        playPagesPlugin,
        starlightLinksValidator({ errorOnRelativeLinks: true }),
      ],
    }),
  ],
});
