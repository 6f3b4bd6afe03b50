import { type EventInput, EventTable, OpsbookError, type OpsEvent } from "@opsbook/core";

/**
 * Events as an array (or any iterable) of event objects, or a prebuilt {@link EventTable}.
 *
 * @category Events
 * @since 0.1.0
 */
export type EventsInput = Iterable<EventInput | OpsEvent> | EventTable;

/**
 * The events as an EventTable: a table is used as is (after checking it holds the property columns
 * an analysis needs); anything else is built into one, which validates every row and names the bad
 * ones (`events[3].timestamp`).
 */
export function toTable(events: EventsInput, properties: readonly string[] = []): EventTable {
  if (events instanceof EventTable) {
    for (const key of properties) {
      if (events.property(key) === undefined) {
        throw new OpsbookError(
          "not_found",
          `events: the EventTable has no "${key}" property column; build it with EventTable.from(rows, { properties: ["${key}"] })`,
          ["events"],
        );
      }
    }
    return events;
  }
  return EventTable.from(events as Iterable<EventInput | OpsEvent>, {
    properties: [...properties],
  });
}
