import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../src/", import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });

describe("@opsbook/plays is isomorphic (it runs in the site's browser islands)", () => {
  it("imports only zod, yaml, @opsbook/core, @opsbook/experiments, @opsbook/pricing, @opsbook/lifecycle, @opsbook/metrics, @opsbook/persona, @opsbook/growth and its own files — no node: built-ins", () => {
    for (const file of sources(src)) {
      const imports = [
        ...readFileSync(file, "utf8").matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms),
      ].map((m) => m[1]!);
      for (const specifier of imports) {
        expect(
          specifier.startsWith("./") ||
            specifier.startsWith("../") ||
            [
              "zod",
              "yaml",
              "@opsbook/core",
              "@opsbook/experiments",
              "@opsbook/pricing",
              "@opsbook/lifecycle",
              "@opsbook/metrics",
              "@opsbook/persona",
              "@opsbook/growth",
            ].includes(specifier),
          `${file} imports ${specifier}`,
        ).toBe(true);
      }
    }
  });
});
