import { OpsbookError } from "@opsbook/core";

const check = (value: unknown, name: string, min: number, max = Number.POSITIVE_INFINITY) => {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max)
    throw new OpsbookError(
      "out_of_range",
      `${name}: expected a number from ${min}${max === Number.POSITIVE_INFINITY ? "" : ` to ${max}`}, received ${String(value)}`,
      [name],
    );
};

/**
 * The viral coefficient K = i × c: invitations sent per user times the share of invitations that
 * convert (David Skok, "Lessons Learned – Viral Marketing", forEntrepreneurs.com). K > 1 grows
 * without other channels; K < 1 amplifies them by 1 / (1 − K).
 *
 * @param invitesPerUser - Invitations sent per user (i).
 * @param conversionRate - Share of invitations that become users (c), 0 to 1.
 * @returns K.
 * @category Viral growth
 * @since 0.1.0
 * @example
 * ```ts
 * import { kFactor } from "@opsbook/growth";
 *
 * kFactor(5, 0.3) //=> 1.5
 * kFactor(4, 0.15) //=> 0.6
 * kFactor(-1, 0.2) //=> throws OpsbookError
 * ```
 */
export function kFactor(invitesPerUser: number, conversionRate: number): number {
  check(invitesPerUser, "invitesPerUser", 0);
  check(conversionRate, "conversionRate", 0, 1);
  return Math.round(invitesPerUser * conversionRate * 1e12) / 1e12;
}

/**
 * Options of {@link projectViralGrowth}.
 *
 * @category Viral growth
 * @since 0.1.0
 */
export interface ViralProjectionOptions {
  /** Users at the start (generation 0). */
  initialUsers: number;
  /** Viral coefficient of the first cycle (see {@link kFactor}). */
  k: number;
  /** Viral cycle time in days: from a user joining to the users they bring joining. */
  cycleTimeDays: number;
  /** Days to project; whole cycles are counted (`floor(days / cycleTimeDays)`). */
  days: number;
  /** Share by which K falls each cycle (0 = constant K, Skok's model; 0.2 = K × 0.8ⁿ). */
  decay?: number;
}

/**
 * One cycle of a viral projection.
 *
 * @category Viral growth
 * @since 0.1.0
 */
export interface ViralCycle {
  cycle: number;
  day: number;
  /** The K that produced this cycle's users (0 for cycle 0). */
  k: number;
  newUsers: number;
  totalUsers: number;
}

/**
 * Projects users from viral loops: each cycle, the users who joined in the previous cycle bring
 * K times as many, and K decays by `decay` per cycle as the audience saturates and novelty wears
 * off. With `decay` 0 the total after n cycles is Skok's closed form
 * U₀ (K^(n+1) − 1) / (K − 1). Values are expected users (fractions kept; round for display).
 *
 * @param options - Initial users, K, cycle time, horizon and decay.
 * @returns `cycles` (cycle 0 first), the `totalUsers` at the horizon, and `limit`: the total the
 *   loop tends to when it converges (`null` when it grows without bound).
 * @category Viral growth
 * @since 0.1.0
 * @example
 * ```ts
 * import { projectViralGrowth } from "@opsbook/growth";
 *
 * const flat = projectViralGrowth({ initialUsers: 1000, k: 0.5, cycleTimeDays: 7, days: 28 });
 * flat.cycles.map((c) => c.newUsers) //=> [1000, 500, 250, 125, 62.5]
 * flat.totalUsers //=> 1937.5
 * flat.limit //=> 2000
 * const decaying = projectViralGrowth({ initialUsers: 1000, k: 1.2, cycleTimeDays: 2, days: 6, decay: 0.5 });
 * decaying.cycles.map((c) => Math.round(c.newUsers)) //=> [1000, 1200, 720, 216]
 * ```
 */
export function projectViralGrowth(options: ViralProjectionOptions): {
  cycles: ViralCycle[];
  totalUsers: number;
  limit: number | null;
} {
  const { initialUsers, k, cycleTimeDays, days, decay = 0 } = options;
  check(initialUsers, "initialUsers", 0);
  check(k, "k", 0);
  check(cycleTimeDays, "cycleTimeDays", Number.MIN_VALUE);
  check(days, "days", 0);
  check(decay, "decay", 0, 1);
  const n = Math.floor(days / cycleTimeDays + 1e-9);
  const cycles: ViralCycle[] = [
    { cycle: 0, day: 0, k: 0, newUsers: initialUsers, totalUsers: initialUsers },
  ];
  let last = initialUsers;
  let total = initialUsers;
  for (let g = 1; g <= n; g++) {
    const kg = k * (1 - decay) ** (g - 1);
    last *= kg;
    total += last;
    cycles.push({ cycle: g, day: g * cycleTimeDays, k: kg, newUsers: last, totalUsers: total });
  }
  let limit: number | null;
  if (decay > 0) {
    // Converges for any K when K shrinks geometrically: sum the terms until they vanish.
    let term = initialUsers;
    let sum = initialUsers;
    for (let g = 1; g < 10_000 && term > 1e-9 * Math.max(1, sum); g++) {
      term *= k * (1 - decay) ** (g - 1);
      sum += term;
    }
    limit = sum;
  } else limit = k < 1 ? initialUsers / (1 - k) : null;
  return { cycles, totalUsers: total, limit };
}
