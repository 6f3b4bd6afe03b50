import { addPeriods, startOfPeriod } from "@opsbook/core";
import { generateProduct } from "@opsbook/sample-data";

// A seeded sample product: the same seed gives the same product.
const product = generateProduct({ seed: 42, users: 500, days: 60 });
const utc = { timeZone: "UTC" };

// The distinct users active on each calendar day.
const usersByDay = new Map<number, Set<string>>();
for (const { userId, timestamp } of product.events) {
  const day = startOfPeriod(timestamp, "day", utc);
  const users = usersByDay.get(day) ?? new Set<string>();
  usersByDay.set(day, users.add(userId));
}

// One row per day of the window, including days nobody was active.
const { start, end } = product.window;
export const dailyActiveUsers: { day: Date; activeUsers: number }[] = [];
for (let day = start; day < end; day = addPeriods(day, "day", 1, utc)) {
  const activeUsers = usersByDay.get(day)?.size ?? 0;
  dailyActiveUsers.push({ day: new Date(day), activeUsers });
}

const counts = dailyActiveUsers.map((d) => d.activeUsers);
const total = counts.reduce((sum, n) => sum + n, 0);
export const peakDailyActiveUsers = Math.max(...counts);
export const meanDailyActiveUsers = total / counts.length;
