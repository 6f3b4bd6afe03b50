import * as core from "@opsbook/core";
import { describeDoctests } from "@opsbook/internal-doctest";
import * as pkg from "./index.ts";

describeDoctests(new URL("./", import.meta.url), { "@opsbook/growth": pkg, "@opsbook/core": core });
