import { ensureBuilt } from "./binary.ts";

// Once before the test files run (they run in parallel): build dist/ if it is missing or stale.
export default function setup(): void {
  ensureBuilt();
}
