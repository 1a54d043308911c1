import type { BenchSuite } from "../lib.js";
import { api } from "./api.js";
import { governorGas } from "./governor-gas.js";
import { marketBridgeGas } from "./market-bridge-gas.js";
import { protocolGas } from "./protocol-gas.js";
import { simulation } from "./simulation.js";
import { consoleStartup } from "./console.js";

/** Every benchmark suite, in the order `npm run bench` runs them. Later domains append theirs. */
export const SUITES: readonly BenchSuite[] = [
  governorGas,
  protocolGas,
  marketBridgeGas,
  simulation,
  consoleStartup,
  api,
];
