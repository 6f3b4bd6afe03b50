import type { RoundingMode } from "@opsbook/core";

/** A non-negative finite number or decimal string as an exact fraction `digits / 10^scale`. */
export function toFraction(value: number | string): { digits: bigint; scale: number } | undefined {
  let text = typeof value === "number" ? String(value) : value;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return undefined;
    if (/e/i.test(text)) text = value.toFixed(20).replace(/\.?0+$/, "");
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? "";
  return { digits: BigInt((match[1] ?? "0") + fraction), scale: fraction.length };
}

/** Rounds the non-negative rational `n / d` to an integer with a rounding mode, exactly. */
export function roundRational(n: bigint, d: bigint, mode: RoundingMode): number {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return Number(q);
  const twice = 2n * r;
  let up: boolean;
  switch (mode) {
    case "up":
    case "ceiling":
      up = true;
      break;
    case "down":
    case "floor":
      up = false;
      break;
    case "half-up":
      up = twice >= d;
      break;
    case "half-down":
      up = twice > d;
      break;
    case "half-even":
      up = twice > d || (twice === d && q % 2n === 1n);
      break;
  }
  return Number(up ? q + 1n : q);
}
