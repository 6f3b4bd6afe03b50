import { libraryConfig } from "@opsbook/internal-build/tsdown";

export default libraryConfig();
