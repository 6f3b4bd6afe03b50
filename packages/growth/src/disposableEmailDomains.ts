/**
 * A small list of disposable (throw-away) e-mail domains, shipped as data for the
 * `disposable_email` fraud check: well-known public services that hand out inboxes without sign-up
 * (taken from their own sites and from the community list
 * <https://github.com/disposable-email-domains/disposable-email-domains>). It is deliberately short
 * — a few dozen of the most used services, not thousands of domains; add your own with the rule's
 * `extraDomains`, or check against a maintained list upstream.
 *
 * @category Referral anti-fraud
 * @since 0.1.0
 * @example
 * ```ts
 * import { disposableEmailDomains } from "@opsbook/growth";
 *
 * disposableEmailDomains.includes("mailinator.com") //=> true
 * disposableEmailDomains.includes("gmail.com") //=> false
 * ```
 */
export const disposableEmailDomains: readonly string[] = Object.freeze([
  "10minutemail.com",
  "33mail.com",
  "anonaddy.me",
  "burnermail.io",
  "dispostable.com",
  "dropmail.me",
  "emailondeck.com",
  "fakeinbox.com",
  "getairmail.com",
  "getnada.com",
  "guerrillamail.com",
  "guerrillamail.net",
  "guerrillamail.org",
  "guerrillamailblock.com",
  "harakirimail.com",
  "inboxkitten.com",
  "mail.tm",
  "mailcatch.com",
  "maildrop.cc",
  "mailinator.com",
  "mailnesia.com",
  "mintemail.com",
  "moakt.com",
  "mohmal.com",
  "mytemp.email",
  "sharklasers.com",
  "spamgourmet.com",
  "temp-mail.org",
  "tempail.com",
  "tempmail.dev",
  "tempmailo.com",
  "tempr.email",
  "throwawaymail.com",
  "trashmail.com",
  "yopmail.com",
  "yopmail.net",
]);

/**
 * Whether an address's domain (or a parent domain of it) is a disposable-mail domain: one of
 * {@link disposableEmailDomains} or of `extraDomains`. Case-insensitive.
 *
 * @param email - The address.
 * @param extraDomains - More domains to treat as disposable.
 * @returns `true` for a disposable domain.
 * @category Referral anti-fraud
 * @since 0.1.0
 * @example
 * ```ts
 * import { isDisposableEmail } from "@opsbook/growth";
 *
 * isDisposableEmail("x@Mailinator.com") //=> true
 * isDisposableEmail("x@eu.trashmail.com") //=> true
 * isDisposableEmail("x@example.com", ["example.com"]) //=> true
 * isDisposableEmail("x@example.com") //=> false
 * ```
 */
export function isDisposableEmail(email: string, extraDomains: readonly string[] = []): boolean {
  if (typeof email !== "string") return false;
  const at = email.lastIndexOf("@");
  if (at < 0) return false;
  let domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  const extra = extraDomains.length > 0 ? new Set(extraDomains.map((d) => d.toLowerCase())) : null;
  for (;;) {
    if (DOMAINS.has(domain) || extra?.has(domain)) return true;
    const dot = domain.indexOf(".");
    if (dot < 0 || domain.indexOf(".", dot + 1) < 0) return false;
    domain = domain.slice(dot + 1);
  }
}

const DOMAINS = new Set(disposableEmailDomains);
