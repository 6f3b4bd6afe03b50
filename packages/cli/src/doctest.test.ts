import { describeDoctests } from "@opsbook/internal-doctest";
import * as pkg from "./index.ts";

describeDoctests(new URL("./", import.meta.url), { "@opsbook/cli": pkg });
