import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { CommandError } from "./usageError.ts";

/** Bytes read at a time: large enough to be fast, small enough to keep memory bounded. */
const chunkBytes = 1 << 20;

/** One decoded piece of a file, and how far into the file it ends. */
export interface TextChunk {
  text: string;
  /** Bytes read so far. */
  bytesRead: number;
  /** Size of the file in bytes. */
  size: number;
}

/**
 * Reads a UTF-8 text file in 1 MiB chunks, synchronously (the analyses consume rows in a
 * synchronous loop), so that only one chunk is held at a time. A UTF-8 byte-order mark is skipped.
 * A UTF-16 file (byte-order mark or NUL bytes) and invalid UTF-8 are refused with a
 * {@link CommandError} that names the encoding problem and the line where it starts.
 */
export function* textChunks(path: string, label: string): Generator<TextChunk> {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let bytesRead = 0;
    let newlines = 0;
    let first = true;
    for (;;) {
      const got = readSync(fd, buffer, 0, chunkBytes, null);
      const bytes = buffer.subarray(0, got);
      if (first) {
        first = false;
        checkStart(bytes, label);
      }
      bytesRead += got;
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: got > 0 });
      } catch {
        throw invalidUtf8(bytes, newlines, label);
      }
      if (got === 0) {
        if (text !== "") yield { text, bytesRead, size };
        return;
      }
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) newlines += 1;
      if (text.includes("\u0000")) {
        throw new CommandError(
          `${label}: line ${newlines + 1}: contains NUL bytes: the file is binary or UTF-16 without a byte-order mark; save it as UTF-8`,
          "analyze",
        );
      }
      yield { text, bytesRead, size };
    }
  } finally {
    closeSync(fd);
  }
}

function checkStart(bytes: Uint8Array, label: string): void {
  const [a, b] = bytes;
  const utf16 =
    a === 0xff && b === 0xfe
      ? "UTF-16 little-endian"
      : a === 0xfe && b === 0xff
        ? "UTF-16 big-endian"
        : undefined;
  if (utf16) {
    throw new CommandError(
      `${label}: the file is ${utf16} (it starts with a byte-order mark); save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8)`,
      "analyze",
    );
  }
}

/** Where the first invalid UTF-8 sequence of a chunk is, as a line number. */
function invalidUtf8(bytes: Uint8Array, newlinesBefore: number, label: string): CommandError {
  const lenient = new TextDecoder("utf-8").decode(bytes);
  const at = lenient.indexOf("\uFFFD");
  let line = newlinesBefore + 1;
  for (let i = lenient.indexOf("\n"); i !== -1 && i < at; i = lenient.indexOf("\n", i + 1))
    line += 1;
  return new CommandError(
    `${label}: line ${line}: the file is not valid UTF-8 (it may be Latin-1 or Windows-1252); save it as UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8)`,
    "analyze",
  );
}
