import type { Terminal } from "./terminal.ts";

/**
 * A one-line progress bar on a terminal (redrawn at most ten times a second with a carriage
 * return); a no-op elsewhere, so that logs and pipes get no control characters.
 */
export function progressBar(
  stderr: Terminal,
  label: string,
): { update(done: number, total: number): void; clear(): void } {
  if (stderr.stream.isTTY !== true) return { update() {}, clear() {} };
  let last = 0;
  let drawn = false;
  const barWidth = 30;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(share * barWidth);
      const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
      stderr.stream.write(
        `\r${label} [${"#".repeat(filled)}${" ".repeat(barWidth - filled)}] ${Math.floor(share * 100)}% ${mb(done)} / ${mb(total)} MB`,
      );
      drawn = true;
    },
    clear() {
      if (drawn) stderr.stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}
