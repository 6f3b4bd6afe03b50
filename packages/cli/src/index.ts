export { type ExitCode, exitCodes } from "./exitCodes.ts";
export { run } from "./run.ts";
export type { CliIo, CliStream } from "./schemas.ts";
