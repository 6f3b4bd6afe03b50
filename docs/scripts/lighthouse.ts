/**
 * Lighthouse on the built site: performance, accessibility, best practices and SEO of the home
 * page, a handbook chapter, a guide with live examples and the tools page, in both editions, with
 * Lighthouse's default (mobile, simulated throttling) settings. Uses Debian's Chromium (or
 * `CHROMIUM_PATH`) and `astro preview`; never downloads a browser.
 *
 *   pnpm --filter @opsbook/docs run lighthouse            # after `astro build`
 *
 * Prints one line per page and exits with 1 when any score is below 100.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import lighthouse from "lighthouse";
import { startPreviewServer } from "../test/previewServer.ts";

const distDir = fileURLToPath(new URL("../dist/", import.meta.url));
const candidates = ["/", "/handbook/retention/", "/guides/experiments/", "/tools/"];
const requested = process.argv.slice(2);
const paths = (requested.length > 0 ? requested : candidates)
  .flatMap((path) => [path, `/zh-cn${path}`])
  .filter((path) => existsSync(join(distDir, path, "index.html")));
const categories = ["performance", "accessibility", "best-practices", "seo"] as const;

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startChromium(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    [
      "--headless=new",
      `--remote-debugging-port=${port}`,
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) return { port, child };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error("Chromium did not open its DevTools port within 30 s");
}

if (paths.length === 0) {
  console.error("No page to audit: build the site first (`astro build`).");
  process.exit(2);
}
const server = await startPreviewServer();
const chromium = await startChromium();
let failed = false;
try {
  for (const path of paths) {
    const result = await lighthouse(`${server.origin}${path}`, {
      port: chromium.port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...categories],
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned no result for ${path}`);
    const scores = categories.map((id) => Math.round((lhr.categories[id]?.score ?? 0) * 100));
    if (scores.some((score) => score < 100)) failed = true;
    console.log(`${path.padEnd(28)} ${scores.join(" / ")}`);
    for (const id of categories) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
          console.log(`  ${id}: ${audit.id} (${audit.displayValue ?? audit.score})`);
        }
      }
    }
  }
} finally {
  chromium.child.kill();
  await server.stop();
}
process.exit(failed ? 1 : 0);
