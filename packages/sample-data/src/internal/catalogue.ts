/**
 * Fixed parameters of the synthetic product: acquisition channels, plans, price points per currency,
 * countries, names and the weekly activity curve. Kept here, as data, so that the README's model
 * section and the code read the same numbers.
 */

/** Currencies the sample product can be priced in. */
export const sampleCurrencies = ["USD", "EUR", "GBP", "CNY", "JPY"] as const;

/** A currency the sample product can be priced in. */
export type SampleCurrency = (typeof sampleCurrencies)[number];

/** Price points of one currency, in major units (decimal strings), and how to round survey answers. */
export interface PriceBook {
  /** Monthly prices of the paid plans. */
  starter: string;
  pro: string;
  team: string;
  /** One-off credit pack. */
  credits: string;
  /** Multiplier from USD to this currency for acquisition costs and perceived value. */
  scale: number;
  /** Survey answers are rounded to a multiple of this many major units (people answer round prices). */
  step: number;
}

/** Locally sensible price points (charm pricing in CNY, whole hundreds in JPY). */
export const priceBooks: Record<SampleCurrency, PriceBook> = {
  USD: { starter: "9.00", pro: "29.00", team: "79.00", credits: "5.00", scale: 1, step: 1 },
  EUR: { starter: "9.00", pro: "27.00", team: "75.00", credits: "5.00", scale: 0.95, step: 1 },
  GBP: { starter: "8.00", pro: "24.00", team: "65.00", credits: "4.00", scale: 0.8, step: 1 },
  CNY: { starter: "68.00", pro: "198.00", team: "568.00", credits: "38.00", scale: 7, step: 5 },
  JPY: { starter: "1400", pro: "4400", team: "12000", credits: "800", scale: 150, step: 100 },
};

/** Paid plans a user can upgrade to, with the share of upgraders that pick each. */
export const paidPlans = [
  { id: "starter", name: "Starter", weight: 0.6 },
  { id: "pro", name: "Pro", weight: 0.3 },
  { id: "team", name: "Team", weight: 0.1 },
] as const;

/** Acquisition channel parameters (see the README's "Generative model"). */
export interface ChannelSpec {
  id: string;
  name: string;
  /** Probability that a user from this channel completes all onboarding steps. */
  activationRate: number;
  /** Multiplier on early engagement, core-action rate, invitations, upgrades and purchases. */
  quality: number;
  /** Target acquisition cost per user in USD; 0 for channels without media spend. */
  cac: number;
  /** Weight among innovators (external influence) and among imitators (word of mouth). */
  innovatorWeight: number;
  imitatorWeight: number;
}

export const channelSpecs: readonly ChannelSpec[] = [
  {
    id: "organic",
    name: "Organic search and direct",
    activationRate: 0.55,
    quality: 1,
    cac: 0,
    innovatorWeight: 0.15,
    imitatorWeight: 0.5,
  },
  {
    id: "paid_search",
    name: "Paid search",
    activationRate: 0.5,
    quality: 0.9,
    cac: 40,
    innovatorWeight: 0.35,
    imitatorWeight: 0,
  },
  {
    id: "paid_social",
    name: "Paid social",
    activationRate: 0.35,
    quality: 0.6,
    cac: 60,
    innovatorWeight: 0.3,
    imitatorWeight: 0,
  },
  {
    id: "content",
    name: "Content and community",
    activationRate: 0.6,
    quality: 1.1,
    cac: 25,
    innovatorWeight: 0.2,
    imitatorWeight: 0.15,
  },
  {
    id: "referral",
    name: "Referral",
    activationRate: 0.7,
    quality: 1.3,
    cac: 0,
    innovatorWeight: 0,
    imitatorWeight: 0.35,
  },
];

/** Index of the referral channel in {@link channelSpecs}. */
export const referralChannel = 4;
/** Index of the organic channel in {@link channelSpecs}. */
export const organicChannel = 0;

/**
 * Relative activity by ISO weekday, Monday first; the mean is 1, so seasonality moves activity
 * between days without changing the weekly total. Weekdays are about 1.4 times weekend days, as in
 * B2B productivity tools.
 */
export const weekdayFactors: readonly number[] = [1.1, 1.12, 1.12, 1.1, 1, 0.78, 0.78];

export const countries = [
  "US",
  "IN",
  "CN",
  "GB",
  "DE",
  "BR",
  "FR",
  "JP",
  "CA",
  "ID",
  "ES",
  "AU",
  "MX",
  "NG",
] as const;
export const countryWeights: readonly number[] = [
  0.28, 0.12, 0.1, 0.07, 0.07, 0.06, 0.05, 0.05, 0.04, 0.04, 0.03, 0.03, 0.03, 0.03,
];

export const firstNames: readonly string[] = [
  "ana",
  "amir",
  "aiko",
  "ben",
  "chen",
  "chioma",
  "david",
  "elena",
  "fatima",
  "felix",
  "hana",
  "ivan",
  "jia",
  "jonas",
  "kavya",
  "laura",
  "li",
  "lucas",
  "maria",
  "mateo",
  "mei",
  "noah",
  "olivia",
  "omar",
  "priya",
  "rahul",
  "sara",
  "sofia",
  "tom",
  "wei",
  "yuki",
  "zoe",
];

export const lastNames: readonly string[] = [
  "adeyemi",
  "brown",
  "chen",
  "costa",
  "dubois",
  "garcia",
  "gupta",
  "hernandez",
  "ito",
  "jones",
  "kim",
  "kumar",
  "li",
  "liu",
  "martin",
  "meyer",
  "muller",
  "nguyen",
  "okafor",
  "patel",
  "rossi",
  "sato",
  "schmidt",
  "silva",
  "smith",
  "tanaka",
  "wang",
  "wilson",
  "wong",
  "zhang",
];

/** Mail domains under the reserved `.example` top-level domain (RFC 2606), so no address is real. */
export const mailDomains: readonly string[] = [
  "mail.example",
  "inbox.example",
  "post.example",
  "webmail.example",
  "company.example",
];
