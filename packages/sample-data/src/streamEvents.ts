import { type OpsEvent, validate } from "@opsbook/core";
import { mergeByTime } from "./internal/mergeByTime.ts";
import { buildPopulation } from "./internal/population.ts";
import { buildPricing } from "./internal/pricing.ts";
import { generateUser } from "./internal/userGenerator.ts";
import { type StreamOptions, streamOptionsSchema } from "./schemas.ts";

/**
 * Streams the events of the product {@link generateProduct} would generate with the same options,
 * as a synchronous iterable, without holding them all: users are generated one at a time from a
 * compact skeleton of the population (signup times, channels and referrals in typed arrays, a few
 * dozen bytes per user), so memory stays bounded by the skeleton plus one block of users, whatever
 * the number of events. Ten million events take about 320,000 users.
 *
 * Order: users are taken in signup order in blocks of `blockSize` consecutive users; the events of
 * one block are yielded sorted by timestamp (ties in user order, then each user's own order). With
 * the default `blockSize` of 1 the stream is grouped by user, each user's events in time order —
 * the order of core's `EventTable`. With `blockSize` at least `users`, the stream equals
 * `generateProduct(options).events`. Options are validated when `streamEvents` is called; the
 * population is drawn when iteration starts.
 *
 * @param options - The options of {@link generateProduct} (up to 10,000,000 users) and `blockSize`.
 * @returns A generator of events; each call returns a fresh generator.
 * @throws `OpsbookError` (from `@opsbook/core`) `invalid_input` or `out_of_range` for invalid options.
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct, streamEvents } from "@opsbook/sample-data";
 *
 * const options = { seed: 3, users: 40, days: 30 };
 * const byUser = [...streamEvents(options)];
 * byUser.length === generateProduct(options).events.length //=> true
 * byUser[0]?.userId //=> "u0001"
 * byUser[0]?.event //=> "session_start"
 * const inOneBlock = [...streamEvents({ ...options, blockSize: 40 })];
 * inOneBlock //=> generateProduct(options).events
 *
 * let count = 0;
 * for (const event of streamEvents({ users: 200_000 })) {
 *   if (event.event === "signup" && ++count === 3) break;
 * }
 * count //=> 3
 * streamEvents({ blockSize: 0 }) //=> throws OpsbookError
 * ```
 */
export function streamEvents(options: StreamOptions = {}): Generator<OpsEvent, void, undefined> {
  const { blockSize, ...productOptions } = validate(streamOptionsSchema, options, {
    label: "options",
  });
  return generate(productOptions, blockSize);
}

function* generate(
  options: Parameters<typeof buildPopulation>[0],
  blockSize: number,
): Generator<OpsEvent, void, undefined> {
  const pop = buildPopulation(options);
  const pricing = buildPricing(options.currency);
  if (blockSize === 1) {
    for (let i = 0; i < pop.users; i++) yield* generateUser(pop, i, pricing).events;
    return;
  }
  for (let from = 0; from < pop.users; from += blockSize) {
    const to = Math.min(pop.users, from + blockSize);
    const block: OpsEvent[][] = [];
    for (let i = from; i < to; i++) block.push(generateUser(pop, i, pricing).events);
    yield* mergeByTime(block);
  }
}
