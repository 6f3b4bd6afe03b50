/**
 * A problem with the command line (exit code 2): unknown command or option, missing or invalid
 * argument. `command` names the command whose `--help` the user should read.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** A command that failed while working (exit code 1), such as a file it could not write. */
export class CommandError extends Error {
  override readonly name = "CommandError";
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** A file-system error in a few words: `no such folder`, `permission denied`, `disk full`… */
export function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case "ENOENT":
      return "the folder does not exist";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOSPC":
      return "no space left on the device";
    case "EROFS":
      return "read-only file system";
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
