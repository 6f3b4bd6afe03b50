import { describeDoctests } from "@opsbook/internal-doctest";
import * as zod from "zod";
import * as pkg from "./index.ts";

describeDoctests(new URL("./", import.meta.url), { "@opsbook/core": pkg, zod });
