import { defineCollection } from "astro:content";
import { docsLoader, i18nLoader } from "@astrojs/starlight/loaders";
import { docsSchema, i18nSchema } from "@astrojs/starlight/schema";
import { z } from "astro/zod";

/** Interface strings of the site's own components, translated in `src/content/i18n/<lang>.json`. */
const opsbookUiStrings = z.object({
  "liveExample.label": z.string(),
  "liveExample.note": z.string(),
  "dau.caption": z.string(),
  "dau.chartLabel": z.string(),
  "dau.yLabel": z.string(),
  "dau.summary": z.string(),
  "dau.days": z.string(),
  "dau.peak": z.string(),
  "dau.peakDay": z.string(),
  "dau.mean": z.string(),
  "dau.firstDays": z.string(),
  "dau.date": z.string(),
  "dau.activeUsers": z.string(),
});

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  i18n: defineCollection({
    loader: i18nLoader(),
    schema: i18nSchema({ extend: opsbookUiStrings.partial() }),
  }),
};
