import type { CliStream } from "../schemas.ts";

/** ANSI styles the CLI uses; each is the identity when colours are off. */
export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** A stream with its styles and a line writer. */
export interface Terminal {
  stream: CliStream;
  styles: Styles;
  /** Writes the text followed by a newline. */
  line(text?: string): void;
  /** Terminal width when the stream is a terminal that reports it. */
  columns: number | undefined;
}

const sgr = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;

const coloured: Styles = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

const identity = (text: string) => text;
const plain: Styles = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};

/**
 * Whether to colour a stream: never when `NO_COLOR` is set to a non-empty value (no-color.org) or
 * `--no-color` is given; otherwise when `FORCE_COLOR` is set to anything but `0`, or the stream
 * is a terminal.
 */
export function useColour(
  stream: CliStream,
  env: Readonly<Record<string, string | undefined>>,
  noColorFlag: boolean,
): boolean {
  if (noColorFlag || (env.NO_COLOR ?? "") !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0";
  return stream.isTTY === true;
}

export function terminal(stream: CliStream, colour: boolean): Terminal {
  return {
    stream,
    styles: colour ? coloured : plain,
    line: (text = "") => {
      stream.write(`${text}\n`);
    },
    columns:
      stream.isTTY === true && typeof stream.columns === "number" ? stream.columns : undefined,
  };
}

/** Display width of text in a terminal: East Asian wide characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

/** Cuts text to a display width, ending with "…" when it was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const char of text) {
    const w = isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

// The wide ranges of Unicode's East Asian Width property that plays use: CJK, Hangul, full-width forms.
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}
