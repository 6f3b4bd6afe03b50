/**
 * Starts what every browser test file shares — `astro preview` of the built site and one Chromium
 * (as a browser server the files connect to) — and stops both when the run ends, whatever happened.
 */
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { assertBuilt, chromiumLaunchOptions } from "./browserHarness.ts";
import { startPreviewServer } from "./previewServer.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the preview server, e.g. `http://127.0.0.1:43121`. */
    previewOrigin: string;
    /** WebSocket endpoint of the shared Chromium. */
    browserEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertBuilt();
  const server = await startPreviewServer();
  let browser: Awaited<ReturnType<typeof chromium.launchServer>>;
  try {
    browser = await chromium.launchServer(chromiumLaunchOptions);
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("previewOrigin", server.origin);
  project.provide("browserEndpoint", browser.wsEndpoint());
  return async () => {
    await browser.close().catch(() => {});
    await server.stop();
  };
}
