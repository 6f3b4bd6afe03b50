import { createRng, OpsbookError, type Rng } from "@opsbook/core";

/**
 * The alphabet of referral codes: Douglas Crockford's Base32 (digits and upper-case letters
 * without I, L, O and U), so that a code read aloud or copied by hand cannot be mistaken — on
 * input, `O` is read as `0` and `I` and `L` as `1` (see {@link normalizeReferralCode}).
 *
 * @category Referral codes
 * @since 0.1.0
 * @example
 * ```ts
 * import { referralCodeAlphabet } from "@opsbook/growth";
 *
 * referralCodeAlphabet.length //=> 32
 * referralCodeAlphabet.includes("O") //=> false
 * ```
 */
export const referralCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const CHAR_OK = new Uint8Array(128);
for (const ch of referralCodeAlphabet) CHAR_OK[ch.charCodeAt(0)] = 1;

/**
 * Options of {@link generateReferralCodes}.
 *
 * @category Referral codes
 * @since 0.1.0
 */
export interface ReferralCodeOptions {
  /** How many codes. */
  count: number;
  /** Random characters per code (default 8: 32⁸ ≈ 1.1 × 10¹² codes). */
  length?: number;
  /** Fixed upper-case prefix (letters and digits), e.g. a programme's short name. */
  prefix?: string;
  /** Seed of core's `createRng` (same seed, same codes). */
  seed: number | string;
  /** Codes already issued in the programme: new codes never repeat them. */
  existing?: Iterable<string>;
}

/** Draws a code not in `taken` (the caller checked that the code space is large enough). */
export function drawReferralCode(
  rng: Rng,
  length: number,
  prefix: string,
  taken: { has(code: string): boolean },
): string {
  for (;;) {
    let code = prefix;
    for (let i = 0; i < length; i++) code += referralCodeAlphabet[rng.integer(0, 31)];
    if (!taken.has(code)) return code;
  }
}

/**
 * Generates referral codes: readable (Crockford Base32, see {@link referralCodeAlphabet}),
 * seeded with core's `createRng`, and collision-free within the programme — a new code never
 * repeats another new code or one of `existing`. Throws `OpsbookError` `out_of_range` when more
 * than half the code space would be used (codes would become guessable).
 *
 * @param options - Count, length, prefix, seed and the codes already issued.
 * @returns The codes, in generation order.
 * @category Referral codes
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateReferralCodes } from "@opsbook/growth";
 *
 * const codes = generateReferralCodes({ count: 3, length: 6, prefix: "DBX", seed: 7 });
 * codes.length //=> 3
 * codes.every((c) => /^DBX[0-9A-HJKMNP-TV-Z]{6}$/.test(c)) //=> true
 * generateReferralCodes({ count: 3, length: 6, prefix: "DBX", seed: 7 }).join() === codes.join() //=> true
 * new Set(generateReferralCodes({ count: 500, length: 4, seed: 1 })).size //=> 500
 * generateReferralCodes({ count: 600_000, length: 4, seed: 1 }) //=> throws OpsbookError
 * ```
 */
export function generateReferralCodes(options: ReferralCodeOptions): string[] {
  const { count, length = 8, prefix = "", seed } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new OpsbookError("invalid_input", "count: expected a non-negative integer", ["count"]);
  if (!Number.isInteger(length) || length < 4 || length > 16)
    throw new OpsbookError("out_of_range", "length: expected an integer from 4 to 16", ["length"]);
  if (!/^[A-Z0-9]{0,8}$/.test(prefix))
    throw new OpsbookError(
      "invalid_input",
      "prefix: expected up to 8 upper-case letters or digits",
      ["prefix"],
    );
  const taken = new Set<string>();
  for (const code of options.existing ?? []) taken.add(code);
  if (taken.size + count > 32 ** length / 2)
    throw new OpsbookError(
      "out_of_range",
      `count: ${count} more codes of length ${length} would use over half the code space`,
      ["count"],
    );
  const rng = createRng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const code = drawReferralCode(rng, length, prefix, taken);
    taken.add(code);
    out.push(code);
  }
  return out;
}

/**
 * The result of {@link normalizeReferralCode}: the code in canonical form, or a typed rejection.
 *
 * @category Referral codes
 * @since 0.1.0
 */
export type NormalizedReferralCode =
  | { ok: true; code: string }
  | { ok: false; reason: "malformed_code"; message: string };

/**
 * Normalises a referral code as typed or pasted by a person: trims, removes spaces and hyphens,
 * upper-cases, and reads `O` as `0` and `I`/`L` as `1` (Crockford Base32). A code that still
 * contains other characters, or whose length is not 4 to 24 characters, is a typed rejection
 * `malformed_code` — never an exception, so the event that carried it is kept.
 *
 * @param input - The code as entered.
 * @returns `{ ok: true, code }` or `{ ok: false, reason: "malformed_code", message }`.
 * @category Referral codes
 * @since 0.1.0
 * @example
 * ```ts
 * import { normalizeReferralCode } from "@opsbook/growth";
 *
 * normalizeReferralCode(" dbx-7kq2 m9ol ") //=> { ok: true, code: "DBX7KQ2M901" }
 * normalizeReferralCode("héllo!").ok //=> false
 * normalizeReferralCode(42 as unknown as string).ok //=> false
 * ```
 */
export function normalizeReferralCode(input: string): NormalizedReferralCode {
  if (typeof input !== "string")
    return { ok: false, reason: "malformed_code", message: "expected the code as text" };
  // Fast path: a code already in canonical form (as stored links and generated codes are).
  let canonical = input.length >= 4 && input.length <= 24;
  for (let i = 0; canonical && i < input.length; i++) {
    const c = input.charCodeAt(i);
    canonical = c < 128 && CHAR_OK[c] === 1;
  }
  if (canonical) return { ok: true, code: input };
  let code = "";
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c === 32 || c === 45 || c === 9) continue; // space, hyphen, tab
    if (c >= 97 && c <= 122) c -= 32; // a-z → A-Z
    if (c === 79)
      c = 48; // O → 0
    else if (c === 73 || c === 76) c = 49; // I, L → 1
    if (c >= 128 || CHAR_OK[c] !== 1)
      return {
        ok: false,
        reason: "malformed_code",
        message: `unexpected character ${JSON.stringify(input[i])} at position ${i + 1}`,
      };
    code += String.fromCharCode(c);
  }
  if (code.length < 4 || code.length > 24)
    return {
      ok: false,
      reason: "malformed_code",
      message: `expected 4 to 24 characters, received ${code.length}`,
    };
  return { ok: true, code };
}
