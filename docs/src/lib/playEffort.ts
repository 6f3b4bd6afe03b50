/**
 * A play's effort (`effort: { prep: P1W, run: P6W, people: "2-4" }`, ISO-8601 durations) in words,
 * in the page's language: "Prep 1 week · run 6 weeks · 2–4 people", "准备 1 周 · 执行 6 周 · 2–4 人".
 * Shared by the plays gallery, the play pages and their browser test.
 */
import { parseDuration } from "@opsbook/core";
import type { PlayEntry, PlayLanguage } from "@opsbook/plays";

type Unit = "years" | "months" | "weeks" | "days" | "hours" | "minutes" | "seconds";

const units: Record<PlayLanguage, Record<Unit, [one: string, many: string]>> = {
  en: {
    years: ["year", "years"],
    months: ["month", "months"],
    weeks: ["week", "weeks"],
    days: ["day", "days"],
    hours: ["hour", "hours"],
    minutes: ["minute", "minutes"],
    seconds: ["second", "seconds"],
  },
  "zh-cn": {
    years: ["年", "年"],
    months: ["个月", "个月"],
    weeks: ["周", "周"],
    days: ["天", "天"],
    hours: ["小时", "小时"],
    minutes: ["分钟", "分钟"],
    seconds: ["秒", "秒"],
  },
};

/** An ISO-8601 duration in words: `P1W` → "1 week", `P2M` → "2 months", `PT2H` → "2 小时". */
export function durationInWords(iso: string, language: PlayLanguage): string {
  const duration = parseDuration(iso);
  const order: Unit[] = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"];
  return order
    .filter((unit) => duration[unit] > 0)
    .map((unit) => {
      const amount = duration[unit];
      const [one, many] = units[language][unit];
      return `${amount} ${amount === 1 ? one : many}`;
    })
    .join(" ");
}

/** A head count in words: `"2-4"` → "2–4 people", `"5+"` → "5+ people" / "5 人以上", `"1"` → "1 person". */
export function peopleInWords(people: string, language: PlayLanguage): string {
  const count = people.replace("-", "–");
  if (language === "zh-cn")
    return people.endsWith("+") ? `${count.slice(0, -1)} 人以上` : `${count} 人`;
  return `${count} ${count === "1" ? "person" : "people"}`;
}

/** The whole effort line of a play in its language. */
export function effortInWords(effort: PlayEntry["effort"], language: PlayLanguage): string {
  const prep = durationInWords(effort.prep, language);
  const run = durationInWords(effort.run, language);
  const people = peopleInWords(effort.people, language);
  return language === "zh-cn"
    ? `准备 ${prep} · 执行 ${run} · ${people}`
    : `Prep ${prep} · run ${run} · ${people}`;
}
