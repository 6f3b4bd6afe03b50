import { formatPath, OpsbookError, type OpsbookErrorCode } from "@opsbook/core";

/**
 * Throws an {@link OpsbookError} for one problem, with a message that starts with the dotted path.
 *
 * @internal
 */
export function fail(code: OpsbookErrorCode, path: (string | number)[], detail: string): never {
  const where = formatPath(path) || "input";
  const message = `${where}: ${detail}`;
  throw new OpsbookError(code, message, path, { issues: [{ code, path, message }] });
}
