import * as core from "@opsbook/core";
import { describeDoctests } from "@opsbook/internal-doctest";
import * as sampleData from "@opsbook/sample-data";
import * as pkg from "./index.ts";

describeDoctests(new URL("./", import.meta.url), {
  "@opsbook/growth": pkg,
  "@opsbook/core": core,
  "@opsbook/sample-data": sampleData,
});
