import { createRng, type Rng } from "@opsbook/core";
import type { ResolvedProductOptions } from "../schemas.ts";
import { bassCumulative, bassInnovatorShare } from "./bass.ts";
import { buildCalendar, type Calendar, timeOfDay } from "./calendar.ts";
import {
  channelSpecs,
  countries,
  countryWeights,
  firstNames,
  lastNames,
  mailDomains,
  organicChannel,
  referralChannel,
  weekdayFactors,
} from "./catalogue.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The planted referral-fraud ring. */
export interface RingPlan {
  /** Index of the user whose invitations created the ring. */
  leader: number;
  /** Indices of the ring's accounts, in signup order. */
  members: number[];
  /** Position of each member in `members`, by user index. */
  ordinal: Map<number, number>;
  deviceIds: string[];
  ipAddresses: string[];
  paymentFingerprint: string;
  /** Local part and domain of the leader's address, which the members plus-address. */
  emailLocal: string;
  emailDomain: string;
  country: string;
  /** Start of each signup burst and the number of accounts in it. */
  bursts: Array<{ start: number; end: number; count: number }>;
}

/** Identity fields of one user (before behaviour). */
export interface Identity {
  email: string;
  country: string;
  deviceId: string;
  ipAddress: string;
}

/**
 * Everything decided for the whole population before any user's events are generated: signup
 * times, channels, who referred whom and the fraud ring. Typed arrays keep it at a few dozen bytes
 * per user, so that events can be generated user by user for millions of users.
 */
export interface Population {
  options: ResolvedProductOptions & { fraudRingSize: number };
  calendar: Calendar;
  users: number;
  /** Signup time of each user; users are numbered in signup order. */
  signupAt: Float64Array;
  /** Local calendar day (0-based) of each signup. */
  signupDay: Int32Array;
  /** Index into `channelSpecs` of each user. */
  channel: Uint8Array;
  /** Referrer of each user, or -1. */
  referrerOf: Int32Array;
  /** Time the referrer sent the invitation the user accepted (NaN without referrer). */
  invitedAt: Float64Array;
  /** Users referred by user `u` are `refereeList[refereeStart[u] … refereeStart[u + 1])`. */
  refereeStart: Uint32Array;
  refereeList: Uint32Array;
  ringMember: Uint8Array;
  ring: RingPlan | null;
  channelCounts: number[];
  /** Parent generator of the per-user generators (`userRng.fork(index)`), never drawn from. */
  userRng: Rng;
  idWidth: number;
}

/** Default size of the fraud ring: 1 % of users, between 6 and 60, none under 100 users. */
export function defaultRingSize(users: number): number {
  return users < 100 ? 0 : Math.min(60, Math.max(6, Math.round(users / 100)));
}

export function userId(pop: Population, index: number): string {
  return `u${String(index + 1).padStart(pop.idWidth, "0")}`;
}

function hex(rng: Rng, digits: number): string {
  let out = "";
  while (out.length < digits) out += rng.integer(0, 0xffffff).toString(16).padStart(6, "0");
  return out.slice(0, digits);
}

export function randomHex(rng: Rng, digits: number): string {
  return hex(rng, digits);
}

/** Draws a public-looking IPv4 address (first octet 1–223, skipping 10 and 127). */
export function randomIp(rng: Rng, prefix?: string): string {
  if (prefix) return `${prefix}.${rng.integer(2, 254)}`;
  let first = rng.integer(1, 223);
  if (first === 10 || first === 127) first += 1;
  return `${first}.${rng.integer(0, 255)}.${rng.integer(0, 255)}.${rng.integer(1, 254)}`;
}

/** The identity of user `index`: the first draws of the user's own generator. */
export function identityOf(pop: Pick<Population, "userRng">, index: number, rng?: Rng): Identity {
  const r = rng ?? pop.userRng.fork(index);
  const first = r.choice(firstNames);
  const last = r.choice(lastNames);
  const separator = r.choice([".", "_", ""]);
  const domain = r.choice(mailDomains);
  const country = r.choice(countries, countryWeights);
  const deviceId = `dev_${hex(r, 12)}`;
  const ipAddress = randomIp(r);
  // The user number makes the address unique: the letters before it are the same for namesakes.
  return {
    email: `${first}${separator}${last}${index + 1}@${domain}`,
    country,
    deviceId,
    ipAddress,
  };
}

/** Number of users with a signup strictly before `t` (signups are sorted). */
function countBefore(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pick(rng: Rng, cumulative: Float64Array): number {
  const total = cumulative[cumulative.length - 1] as number;
  const u = rng.next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Draws the population skeleton (see the README's "Generative model"). */
export function buildPopulation(options: ResolvedProductOptions): Population {
  const { users, days } = options;
  const ringSize = options.fraudRingSize ?? defaultRingSize(users);
  const resolved = { ...options, fraudRingSize: ringSize };
  const calendar = buildCalendar(options.startDate, days, options.timeZone);
  const { dayStarts, weekday } = calendar;
  const root = createRng(options.seed);
  const rng = root.fork("population");
  const { p, q } = options.bass;

  // Signup days: the Bass density over each day, shaped by the weekday curve.
  const cumulative = new Float64Array(days);
  let running = 0;
  for (let k = 0; k < days; k++) {
    const mass = bassCumulative((k + 1) / days, p, q) - bassCumulative(k / days, p, q);
    running += mass * (weekdayFactors[weekday[k] as number] as number);
    cumulative[k] = running;
  }
  const regular = users - ringSize;
  const regularTimes = new Float64Array(regular);
  for (let i = 0; i < regular; i++) {
    const k = pick(rng, cumulative);
    const start = dayStarts[k] as number;
    const length = (dayStarts[k + 1] as number) - start;
    regularTimes[i] = start + Math.floor(timeOfDay(rng) * length);
  }
  regularTimes.sort();

  // The ring signs up in two bursts of about 90 minutes, late in the evening.
  const ringRng = root.fork("fraud-ring");
  const ringTimes = new Float64Array(ringSize);
  const burstStarts: number[] = [];
  if (ringSize > 0) {
    const firstDay = Math.floor(days * 0.55);
    const burstDays = [firstDay, Math.min(days - 1, firstDay + 3)];
    for (const k of burstDays) {
      const start = dayStarts[k] as number;
      burstStarts.push(start + Math.floor(0.85 * ((dayStarts[k + 1] as number) - start)));
    }
    const inFirst = Math.ceil(ringSize / 2);
    for (let j = 0; j < ringSize; j++) {
      const burst = burstStarts[j < inFirst ? 0 : 1] as number;
      ringTimes[j] = burst + Math.floor(ringRng.uniform(0, 90 * MINUTE));
    }
    ringTimes.sort();
    // The leader must have joined before the first burst.
    const first = burstStarts[0] as number;
    if (regular > 0 && (regularTimes[0] as number) >= first) {
      regularTimes[0] = (dayStarts[Math.floor(days * 0.2)] as number) + 9 * HOUR;
    }
  }

  // Merge regular users and ring members into one signup order (regular first on ties).
  const signupAt = new Float64Array(users);
  const ringMember = new Uint8Array(users);
  const members: number[] = [];
  let leaderRegular = -1;
  if (ringSize > 0) {
    const before = countBefore(regularTimes, burstStarts[0] as number);
    leaderRegular = ringRng.integer(0, Math.max(0, before - 1));
  }
  let leader = -1;
  for (let i = 0, a = 0, b = 0; i < users; i++) {
    if (b >= ringSize || (a < regular && (regularTimes[a] as number) <= (ringTimes[b] as number))) {
      if (a === leaderRegular) leader = i;
      signupAt[i] = regularTimes[a++] as number;
    } else {
      signupAt[i] = ringTimes[b++] as number;
      ringMember[i] = 1;
      members.push(i);
    }
  }
  const signupDay = new Int32Array(users);
  for (let i = 0, k = 0; i < users; i++) {
    while ((dayStarts[k + 1] as number) <= (signupAt[i] as number)) k++;
    signupDay[i] = k;
  }

  // Channels: innovators come through media and content, imitators by word of mouth (Bass).
  const channel = new Uint8Array(users);
  const referrerOf = new Int32Array(users).fill(-1);
  const invitedAt = new Float64Array(users).fill(Number.NaN);
  const innovatorWeights = channelSpecs.map((c) => c.innovatorWeight);
  const imitatorWeights = channelSpecs.map((c) => c.imitatorWeight);
  const channelIndices = channelSpecs.map((_, i) => i);
  const window = calendar.end - calendar.start;
  for (let i = 0; i < users; i++) {
    const t = signupAt[i] as number;
    if (ringMember[i]) {
      channel[i] = referralChannel;
      referrerOf[i] = leader;
      const burst = t < (burstStarts[1] as number) ? burstStarts[0] : burstStarts[1];
      const sent = (burst as number) - Math.floor(ringRng.uniform(5 * MINUTE, 40 * MINUTE));
      invitedAt[i] = Math.max((signupAt[leader] as number) + 1, Math.min(sent, t));
      continue;
    }
    const innovator = rng.next() < bassInnovatorShare((t - calendar.start) / window, p, q);
    let c = rng.choice(channelIndices, innovator ? innovatorWeights : imitatorWeights);
    if (c === referralChannel) {
      const earlier = countBefore(signupAt.subarray(0, i), t);
      let referrer = -1;
      for (let attempt = 0; attempt < 8 && earlier > 0; attempt++) {
        const candidate = rng.integer(0, earlier - 1);
        if (!ringMember[candidate]) {
          referrer = candidate;
          break;
        }
      }
      if (referrer < 0) c = organicChannel;
      else {
        referrerOf[i] = referrer;
        const gap = t - (signupAt[referrer] as number);
        const delay = Math.min(Math.floor(rng.exponential(1) * 1.5 * DAY), gap - 1);
        invitedAt[i] = t - delay;
      }
    }
    channel[i] = c;
  }

  // Referees of each referrer, in signup order (compressed sparse rows).
  const refereeStart = new Uint32Array(users + 1);
  for (let i = 0; i < users; i++) {
    const r = referrerOf[i] as number;
    if (r >= 0) (refereeStart[r + 1] as number)++;
  }
  for (let u = 0; u < users; u++) {
    refereeStart[u + 1] = (refereeStart[u + 1] as number) + (refereeStart[u] as number);
  }
  const fill = refereeStart.slice(0, users);
  const refereeList = new Uint32Array(refereeStart[users] as number);
  for (let i = 0; i < users; i++) {
    const r = referrerOf[i] as number;
    if (r >= 0) refereeList[(fill[r] as number)++] = i;
  }

  const channelCounts = channelSpecs.map(() => 0);
  for (let i = 0; i < users; i++) (channelCounts[channel[i] as number] as number)++;

  const userRng = root.fork("users");
  const pop: Population = {
    options: resolved,
    calendar,
    users,
    signupAt,
    signupDay,
    channel,
    referrerOf,
    invitedAt,
    refereeStart,
    refereeList,
    ringMember,
    ring: null,
    channelCounts,
    userRng,
    idWidth: Math.max(4, String(users).length),
  };

  if (ringSize > 0) {
    const leaderIdentity = identityOf(pop, leader);
    const [emailLocal, emailDomain] = leaderIdentity.email.split("@") as [string, string];
    const subnet = randomIp(ringRng).split(".").slice(0, 3).join(".");
    const ipAddresses = [randomIp(ringRng, subnet), randomIp(ringRng, subnet)];
    ipAddresses.push(randomIp(ringRng, subnet));
    const inFirst = Math.ceil(ringSize / 2);
    const bursts = [0, 1]
      .map((b) => {
        const times = b === 0 ? ringTimes.subarray(0, inFirst) : ringTimes.subarray(inFirst);
        return {
          start: times[0] as number,
          end: times[times.length - 1] as number,
          count: times.length,
        };
      })
      .filter((burst) => burst.count > 0);
    pop.ring = {
      leader,
      members,
      ordinal: new Map(members.map((m, k) => [m, k])),
      deviceIds: [`dev_${randomHex(ringRng, 12)}`, `dev_${randomHex(ringRng, 12)}`],
      ipAddresses,
      paymentFingerprint: `pm_${randomHex(ringRng, 16)}`,
      emailLocal,
      emailDomain,
      country: leaderIdentity.country,
      bursts,
    };
  }
  return pop;
}
