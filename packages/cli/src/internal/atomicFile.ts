import { randomBytes } from "node:crypto";
import { type FileHandle, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file through a temporary file in the same folder, renamed over the target once complete:
 * readers never see a partial file, a failure leaves none behind, and a symbolic link at the target
 * is replaced rather than followed.
 *
 * `write` receives the open temporary file; when it throws (or `signal` aborts), the temporary file
 * is removed and the error propagates.
 */
export async function writeAtomically(
  path: string,
  write: (file: FileHandle) => Promise<void>,
): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  const file = await open(temporary, "wx");
  try {
    try {
      await write(file);
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Writes text to a file atomically (see {@link writeAtomically}). */
export function writeFileAtomically(path: string, text: string): Promise<void> {
  return writeAtomically(path, async (file) => {
    await file.writeFile(text, "utf8");
  });
}
