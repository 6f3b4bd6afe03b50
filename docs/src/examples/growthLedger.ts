import {
  createProgramme,
  type LedgerCommand,
  type LedgerEntry,
  type MemberLedger,
  type ProgrammeConfigInput,
} from "@opsbook/growth";
import { getPlay, validatePlayConfig } from "@opsbook/plays";

// The points programme shipped with the play "Launch a points programme": 1 point per yuan,
// points pending for 14 days, expiring 12 months after they activate at the end of that month.
const play = getPlay("launch-points-programme", "en");
const file = validatePlayConfig(play.config?.text ?? "", { path: "points-programme.yaml" });
const programme = createProgramme(file.config as ProgrammeConfigInput);
export const { ledger } = programme;

// One member's history, command by command; every state is kept to draw the timeline.
let state: MemberLedger = ledger.open("member-8817");
export const states: MemberLedger[] = [];
export const journal: LedgerEntry[] = [];
const run = (command: LedgerCommand) => {
  const result = ledger.apply(state, command);
  state = result.state;
  states.push(state);
  journal.push(...result.entries);
};
const entryOf = (reference: string) => journal.find((e) => e.reference === reference)?.id ?? 0;
const order = (at: string, id: string, total: number, isFirstOrder = false) => {
  const event = { userId: "member-8817", event: "order_paid", timestamp: at };
  const { points } = programme.earn({ ...event, properties: { total, isFirstOrder } });
  run({ type: "earn", at, amount: points, key: id, reference: id });
};

order("2025-03-08T12:30:00+08:00", "A-1001", 268.5, true); // 268 + 200 first-order bonus
order("2025-05-20T20:10:00+08:00", "A-1002", 129);
// A-1002 is returned while its points are still pending: they go back out of the same lot.
run({
  type: "reverse",
  at: "2025-05-27T10:00:00+08:00",
  entry: entryOf("A-1002"),
  reference: "return A-1002",
});
order("2025-06-18T00:05:00+08:00", "A-1003", 899);
run({
  type: "burn",
  at: "2025-08-15T19:00:00+08:00",
  amount: 300,
  key: "V-300",
  reference: "voucher V-300",
});
order("2025-11-11T00:01:00+08:00", "A-1004", 1599);
run({
  type: "burn",
  at: "2025-12-12T21:00:00+08:00",
  amount: 1000,
  key: "G-2001",
  reference: "gift G-2001",
});
// The gift is cancelled: the burn's points return to the lots they came from.
run({
  type: "reverse",
  at: "2025-12-20T09:00:00+08:00",
  entry: entryOf("gift G-2001"),
  reference: "cancel G-2001",
});
// The monthly expiry job on 1 April 2026 removes what is left of the March 2025 lot.
run({ type: "expire", at: "2026-04-01T02:00:00+08:00" });

export const asOf = Date.parse("2026-04-30T12:00:00+08:00");
export const balance = ledger.balance(state, asOf); // { available, pending, deficit }
export const lots = ledger.lots(state);
export const expiringSoon = ledger.expiringSoon(state, asOf, "P6M");
export const sumOfEntries = journal.reduce((sum, e) => sum + e.amount, 0); // always state.total
export const finalState = state;

// The timeline: the balance at noon (Beijing time) every day, from the state in force that day.
export const timeline: { at: number; available: number; pending: number }[] = [];
for (let at = Date.parse("2025-03-01T12:00:00+08:00"); at <= asOf; at += 86_400_000) {
  const current = states.findLast((s) => (s.updatedAt ?? 0) <= at);
  const { available, pending } = current
    ? ledger.balance(current, at)
    : { available: 0, pending: 0 };
  timeline.push({ at, available, pending });
}
