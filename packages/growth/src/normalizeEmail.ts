/**
 * Mail providers that ignore dots in the local part of an address (Gmail delivers
 * `a.da@gmail.com` to `ada@gmail.com`); `googlemail.com` is Gmail's other domain and is read as
 * `gmail.com`.
 */
const DOTLESS = new Set(["gmail.com", "googlemail.com"]);

/**
 * Normalises an e-mail address to the mailbox it delivers to, so that one person's variants compare
 * equal (the self-referral check): trims and lower-cases, drops a `+tag` (plus-addressing, which
 * Gmail, Outlook, iCloud, Fastmail and most providers deliver to the same mailbox), and removes
 * dots in the local part for providers that ignore them (Gmail). Returns `null` for text that is not
 * an address (no `@`, empty local part or domain).
 *
 * @param email - The address as entered.
 * @returns The normalised address, or `null`.
 * @category Referral anti-fraud
 * @since 0.1.0
 * @example
 * ```ts
 * import { normalizeEmail } from "@opsbook/growth";
 *
 * normalizeEmail(" Ada.Lovelace+ref3@GoogleMail.com ") //=> "adalovelace@gmail.com"
 * normalizeEmail("ada.l+x@example.com") //=> "ada.l@example.com"
 * normalizeEmail("not an address") //=> null
 * ```
 */
export function normalizeEmail(email: string): string | null {
  if (typeof email !== "string") return null;
  const text = email.trim().toLowerCase();
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1) return null;
  let local = text.slice(0, at);
  let domain = text.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (DOTLESS.has(domain)) local = local.replaceAll(".", "");
  if (local === "" || /\s/.test(local) || /\s/.test(domain)) return null;
  return `${local}@${domain}`;
}
