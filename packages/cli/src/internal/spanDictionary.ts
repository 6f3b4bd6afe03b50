/**
 * A dictionary of strings numbered in order of first appearance, looked up by a span of a larger
 * text, so that a string is made only the first time it is seen. An open-addressing hash table
 * (FNV-1a over the UTF-16 code units, linear probing, at most half full) holds per slot the hash,
 * the index, and where the string's code units are in a pool: a probe then touches one slot and
 * the pooled text, rather than the scattered string objects (with hundreds of thousands of users,
 * cache misses are what a lookup costs).
 */
export class SpanDictionary {
  readonly strings: string[] = [];
  /** Per slot: hash, index + 1 (0 when empty), offset in the pool, length. */
  #table = new Int32Array(4 << 10);
  #pool = new Uint16Array(1 << 14);
  #poolLength = 0;

  /** The index of `text` from `start` to `end`, added if new. */
  indexOf(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hash |= 0;
    const table = this.#table;
    const pool = this.#pool;
    const mask = (table.length >> 2) - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      const entry = table[at + 1]!;
      if (entry === 0) break;
      if (table[at] === hash && table[at + 3] === length) {
        const offset = table[at + 2]! - start;
        let i = start;
        while (i < end && pool[offset + i] === text.charCodeAt(i)) i++;
        if (i === end) return entry - 1;
      }
    }
    const index = this.strings.length;
    this.strings.push(start === 0 && end === text.length ? text : text.slice(start, end));
    if (this.#poolLength + length > pool.length) {
      const grown = new Uint16Array(Math.max(pool.length * 2, this.#poolLength + length));
      grown.set(pool);
      this.#pool = grown;
    }
    const offset = this.#poolLength;
    for (let i = 0; i < length; i++) this.#pool[offset + i] = text.charCodeAt(start + i);
    this.#poolLength += length;
    if (2 * (index + 1) > mask + 1) this.#rehash(2 * (mask + 1));
    this.#insert(hash, index + 1, offset, length);
    return index;
  }

  #insert(hash: number, entry: number, offset: number, length: number): void {
    const table = this.#table;
    const mask = (table.length >> 2) - 1;
    let slot = hash & mask;
    while (table[(slot << 2) + 1] !== 0) slot = (slot + 1) & mask;
    const at = slot << 2;
    table[at] = hash;
    table[at + 1] = entry;
    table[at + 2] = offset;
    table[at + 3] = length;
  }

  #rehash(slots: number): void {
    const old = this.#table;
    this.#table = new Int32Array(slots << 2);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1] !== 0) this.#insert(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
  }
}
