import { TextFormatError } from "./csvSplitter.ts";

/**
 * Splits NDJSON (one JSON object per line) or a JSON array of objects into objects, fed chunk by
 * chunk, so that a large export is never held whole: each object's text is parsed on its own.
 * Malformed JSON throws a {@link TextFormatError} with the line where the object starts.
 */
export class JsonSplitter {
  /** Line number (1-based) reached. */
  line = 1;
  readonly #mode: "ndjson" | "array";
  #carry = "";
  #started = false;
  #ended = false;

  constructor(mode: "ndjson" | "array") {
    this.#mode = mode;
  }

  push(chunk: string, final: boolean, onObject: (value: unknown, line: number) => void): void {
    const text = this.#carry === "" ? chunk : this.#carry + chunk;
    this.#carry = "";
    if (this.#mode === "ndjson") this.#lines(text, final, onObject);
    else this.#array(text, final, onObject);
  }

  #lines(text: string, final: boolean, onObject: (value: unknown, line: number) => void): void {
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      let newline = text.indexOf("\n", pos);
      if (newline === -1) {
        if (!final) break;
        newline = n;
      }
      const line = this.line;
      this.line += 1;
      const source = text.slice(pos, newline).trim();
      pos = newline + 1;
      if (source === "") continue;
      onObject(parse(source, line), line);
    }
    if (pos < n) this.#carry = text.slice(pos);
  }

  #array(text: string, final: boolean, onObject: (value: unknown, line: number) => void): void {
    const n = text.length;
    let i = 0;
    for (;;) {
      // Between values: whitespace, the opening bracket, commas, the closing bracket.
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 10) this.line += 1;
        else if (c === 91 && !this.#started) this.#started = true;
        else if (c === 93 && this.#started && !this.#ended) this.#ended = true;
        else if (c === 44 && this.#started && !this.#ended) {
          // a separator
        } else if (c !== 32 && c !== 9 && c !== 13) break;
        i += 1;
      }
      if (i >= n) {
        if (final && !this.#ended) {
          throw new TextFormatError(
            this.#started
              ? "the JSON array is not closed (a missing ])"
              : "expected a JSON array of events",
            this.line,
          );
        }
        return;
      }
      if (!this.#started || this.#ended || text.charCodeAt(i) !== 123) {
        throw new TextFormatError(
          this.#ended
            ? "unexpected text after the end of the JSON array"
            : `expected an event object ({…}) in the JSON array, found ${JSON.stringify(text[i])}`,
          this.line,
        );
      }
      // An object: to its matching brace, outside strings.
      let depth = 0;
      let inString = false;
      let lines = 0;
      let end = -1;
      for (let k = i; k < n; k++) {
        const c = text.charCodeAt(k);
        if (inString) {
          if (c === 92) k += 1;
          else if (c === 34) inString = false;
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth += 1;
        else if (c === 125 || c === 93) {
          depth -= 1;
          if (depth === 0) {
            end = k + 1;
            break;
          }
        } else if (c === 10) lines += 1;
      }
      if (end === -1) {
        if (final)
          throw new TextFormatError("an event object is not closed (a missing })", this.line);
        this.#carry = text.slice(i);
        return;
      }
      const line = this.line;
      onObject(parse(text.slice(i, end), line), line);
      this.line += lines;
      i = end;
    }
  }
}

function parse(source: string, line: number): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new TextFormatError(`not valid JSON: ${(error as Error).message}`, line);
  }
}
