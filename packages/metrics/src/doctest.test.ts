import * as core from "@opsbook/core";
import { describeDoctests } from "@opsbook/internal-doctest";
import * as pkg from "./index.ts";

describeDoctests(new URL("./", import.meta.url), {
  "@opsbook/metrics": pkg,
  "@opsbook/core": core,
});
