export { currencyCodes, currencyExponent } from "./currencies.ts";
export {
  type AddDurationOptions,
  addDuration,
  type Duration,
  durationToMs,
  parseDuration,
} from "./durations.ts";
export {
  formatPath,
  OpsbookError,
  type OpsbookErrorCode,
  type OpsbookErrorOptions,
  type OpsbookIssue,
} from "./errors.ts";
export {
  type EventInput,
  type NormalizedEvents,
  type NormalizeEventsOptions,
  normalizeEvents,
  type OpsEvent,
  type TimestampInput,
  toEpochMs,
} from "./events.ts";
export { EventTable, type EventTableOptions } from "./eventTable.ts";
export {
  addMoney,
  allocateMoney,
  formatMoney,
  fromDecimal,
  type Money,
  money,
  multiplyMoney,
  type RoundingMode,
  type RoundingOptions,
  roundDecimal,
  toDecimal,
} from "./money.ts";
export {
  addPeriods,
  type CalendarOptions,
  enumeratePeriods,
  type PeriodUnit,
  periodIndex,
  periodKey,
  startOfPeriod,
} from "./periods.ts";
export { createRng, type Rng } from "./rng.ts";
export {
  calendarOptionsSchema,
  eventSchema,
  roundingModeSchema,
  seedSchema,
  timestampSchema,
  timeZoneSchema,
} from "./schemas.ts";
export { toOpsbookIssues, type ValidateOptions, validate } from "./validate.ts";
