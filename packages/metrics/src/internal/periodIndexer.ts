import { type CalendarOptions, enumeratePeriods, type PeriodUnit } from "@opsbook/core";

const SLOT_MS = 15 * 60 * 1000;
const MAX_SLOTS = 4_000_000;

/**
 * Maps timestamps to calendar periods in a time zone in constant time: the period starts covering
 * a range come from core's `enumeratePeriods` (so daylight-saving days and month lengths are
 * right), and a table over 15-minute slots (every time zone's offset is a multiple of 15 minutes)
 * gives a candidate period that one comparison corrects.
 */
export class PeriodIndexer {
  readonly starts: number[];
  readonly end: number;
  /** Period starts followed by the end of the last period. */
  readonly bounds: Float64Array;
  /** Candidate period per 15-minute slot from `base` (empty when the range is too long). */
  readonly slots: Int32Array;
  /** Start of the first period. */
  readonly base: number;

  constructor(from: number, to: number, unit: PeriodUnit, calendar: CalendarOptions) {
    this.starts = enumeratePeriods(from, to, unit, calendar);
    const last = this.starts[this.starts.length - 1]!;
    const next = enumeratePeriods(last, last + 32 * 86_400_000, unit, calendar)[1]!;
    this.end = next;
    this.bounds = Float64Array.from([...this.starts, next]);
    this.base = this.starts[0]!;
    const slotCount = Math.ceil((next - this.base) / SLOT_MS) + 1;
    this.slots = new Int32Array(slotCount <= MAX_SLOTS ? slotCount : 0);
    if (slotCount <= MAX_SLOTS) {
      let p = 0;
      for (let s = 0; s < slotCount; s++) {
        const t = this.base + s * SLOT_MS;
        while (p + 1 < this.starts.length && this.bounds[p + 1]! <= t) p++;
        this.slots[s] = p;
      }
    }
  }

  get length(): number {
    return this.starts.length;
  }

  /** Index of the period holding `t`, or −1 outside the range. */
  index(t: number): number {
    if (t < this.base || t >= this.end) return -1;
    const bounds = this.bounds;
    let p: number;
    if (this.slots.length > 0) {
      p = this.slots[Math.floor((t - this.base) / SLOT_MS)]!;
      while (bounds[p + 1]! <= t) p++;
    } else {
      let lo = 0;
      let hi = this.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (bounds[mid]! <= t) lo = mid;
        else hi = mid - 1;
      }
      p = lo;
    }
    return p;
  }

  /** Copies the period index of every row into an Int32Array (−1 outside the range). */
  indexAll(timestamps: Float64Array): Int32Array {
    const out = new Int32Array(timestamps.length);
    const bounds = this.bounds;
    const slots = this.slots;
    const base = this.base;
    const end = this.end;
    if (slots.length === 0) {
      for (let i = 0; i < timestamps.length; i++) out[i] = this.index(timestamps[i]!);
      return out;
    }
    for (let i = 0; i < timestamps.length; i++) {
      const t = timestamps[i]!;
      if (t < base || t >= end) {
        out[i] = -1;
        continue;
      }
      let p = slots[((t - base) / SLOT_MS) | 0]!;
      while (bounds[p + 1]! <= t) p++;
      out[i] = p;
    }
    return out;
  }
}
