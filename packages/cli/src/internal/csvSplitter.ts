/** A problem in the text of a data file, at a line (1-based). */
export class TextFormatError extends Error {
  override readonly name = "TextFormatError";
  readonly line: number;

  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/**
 * Splits CSV (RFC 4180) or TSV text into records, fed chunk by chunk: fields separated by the
 * delimiter, records by LF or CRLF; a field in double quotes may hold delimiters, line breaks and
 * doubled quotes (`""`). Blank lines are skipped. Lines without a quote take a fast path (one
 * `split`), which is what large exports are made of.
 *
 * Malformed text throws a {@link TextFormatError} with the line: an unterminated quoted field, a
 * character after a closing quote, or a quote inside an unquoted field.
 */
export class CsvSplitter {
  /** Line number (1-based) where the next record starts. */
  line = 1;
  readonly #delimiter: string;
  #carry = "";

  constructor(delimiter: "," | "\t") {
    this.#delimiter = delimiter;
  }

  /**
   * Parses every complete record of what was carried plus `chunk`, calling `onRecord` with its
   * fields and its first line; an incomplete last record is kept for the next call, unless `final`.
   * With `onLine`, a record without quotes is passed as its span of `text` (`start` to `end`, line
   * break excluded) instead, so that the caller can take only the fields it needs without
   * splitting the whole line into an array of strings.
   */
  push(
    chunk: string,
    final: boolean,
    onRecord: (fields: string[], line: number) => void,
    onLine?: (text: string, start: number, end: number, line: number) => void,
  ): void {
    const text = this.#carry === "" ? chunk : this.#carry + chunk;
    const n = text.length;
    const delimiter = this.#delimiter;
    let pos = 0;
    let nextQuote = text.indexOf('"');
    if (nextQuote === -1) nextQuote = n;
    while (pos < n) {
      let newline = text.indexOf("\n", pos);
      if (newline === -1) {
        if (!final) break;
        newline = n;
      }
      if (nextQuote < pos) {
        nextQuote = text.indexOf('"', pos);
        if (nextQuote === -1) nextQuote = n;
      }
      if (nextQuote >= newline) {
        let end = newline;
        if (end > pos && text.charCodeAt(end - 1) === 13) end -= 1;
        const line = this.line;
        this.line += 1;
        if (end > pos) {
          if (onLine !== undefined) onLine(text, pos, end, line);
          else onRecord(text.slice(pos, end).split(delimiter), line);
        }
        pos = newline + 1;
        continue;
      }
      const parsed = this.#quoted(text, pos, final);
      if (parsed === undefined) break;
      const line = this.line;
      this.line += parsed.lines;
      onRecord(parsed.fields, line);
      pos = parsed.next;
    }
    this.#carry = pos >= n ? "" : text.slice(pos);
  }

  /** Parses one record holding quotes, from `start`; undefined when it continues past the text. */
  #quoted(
    text: string,
    start: number,
    final: boolean,
  ): { fields: string[]; next: number; lines: number } | undefined {
    const delimiter = this.#delimiter.charCodeAt(0);
    const n = text.length;
    const fields: string[] = [];
    let lines = 0;
    let i = start;
    for (;;) {
      if (i < n && text.charCodeAt(i) === 34) {
        // A quoted field: up to the quote that is not doubled.
        let value = "";
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) {
            if (!final) return undefined;
            throw new TextFormatError(
              "a quoted field is not closed (a missing closing quote)",
              this.line,
            );
          }
          if (quote + 1 >= n && !final) return undefined;
          value += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            value += '"';
            from = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        for (let k = value.indexOf("\n"); k !== -1; k = value.indexOf("\n", k + 1)) lines += 1;
        fields.push(value);
        const c = i < n ? text.charCodeAt(i) : -1;
        if (c === delimiter) {
          i += 1;
          continue;
        }
        if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) {
          return { fields, next: i + 2, lines: lines + 1 };
        }
        if (c === 13 && i + 1 >= n && !final) return undefined;
        if (c === 10) return { fields, next: i + 1, lines: lines + 1 };
        if (c === -1) return { fields, next: n, lines: lines + 1 };
        throw new TextFormatError(
          `unexpected ${JSON.stringify(text[i])} after a closing quote (a quote inside a field must be doubled: "")`,
          this.line + lines,
        );
      }
      // An unquoted field: up to the delimiter or the end of the line.
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === delimiter || c === 10) break;
        if (c === 34) {
          throw new TextFormatError(
            'a quote inside an unquoted field (quote the whole field and double the quote: "a ""b"" c")',
            this.line + lines,
          );
        }
        end += 1;
      }
      if (end >= n && !final) return undefined;
      let valueEnd = end;
      const atLineEnd = end >= n || text.charCodeAt(end) === 10;
      if (atLineEnd && valueEnd > i && text.charCodeAt(valueEnd - 1) === 13) valueEnd -= 1;
      fields.push(text.slice(i, valueEnd));
      if (atLineEnd) return { fields, next: Math.min(end + 1, n), lines: lines + 1 };
      i = end + 1;
    }
  }
}
