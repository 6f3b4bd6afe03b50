import type { OpsEvent } from "@opsbook/core";

/**
 * Merges lists that are each sorted by timestamp into one list sorted by timestamp, ties broken
 * by list index and then by position within a list — the order of a stable sort of the lists'
 * concatenation. A binary heap over the lists' heads (typed arrays, no comparator calls) makes it
 * several times faster than `Array.prototype.sort` on the concatenation.
 */
export function* mergeByTime(lists: readonly OpsEvent[][]): Generator<OpsEvent, void, undefined> {
  const heap = new Int32Array(lists.length);
  const head = new Float64Array(lists.length);
  const position = new Int32Array(lists.length);
  let size = 0;
  const before = (a: number, b: number): boolean =>
    (head[a] as number) < (head[b] as number) ||
    ((head[a] as number) === (head[b] as number) && a < b);
  const siftDown = (from: number): void => {
    let i = from;
    const item = heap[i] as number;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child =
        right < size && before(heap[right] as number, heap[left] as number) ? right : left;
      if (!before(heap[child] as number, item)) break;
      heap[i] = heap[child] as number;
      i = child;
    }
    heap[i] = item;
  };
  for (let list = 0; list < lists.length; list++) {
    const first = (lists[list] as OpsEvent[])[0];
    if (first === undefined) continue;
    head[list] = first.timestamp;
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(list, heap[parent] as number)) break;
      heap[i] = heap[parent] as number;
      i = parent;
    }
    heap[i] = list;
  }
  while (size > 0) {
    const top = heap[0] as number;
    const events = lists[top] as OpsEvent[];
    const at = position[top] as number;
    yield events[at] as OpsEvent;
    if (at + 1 < events.length) {
      position[top] = at + 1;
      head[top] = (events[at + 1] as OpsEvent).timestamp;
    } else {
      heap[0] = heap[--size] as number;
    }
    siftDown(0);
  }
}
