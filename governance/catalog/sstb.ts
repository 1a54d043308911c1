import type { FunctionSpec } from "./types.js";

/** Restricted functions of sSTB (contracts/core/SSTBToken.sol): only role-holding protocol contracts call them. */
export const sstbFunctions: readonly FunctionSpec[] = [
  {
    contract: "SSTBToken",
    signature: "mint(address,uint256)",
    kind: "protocol-operation",
    caller: "SSTB_MINTER (the MintingAgent; the bridge on remote chains)",
    critical: false,
    description: "Mint sSTB 1:1 for burned CU tokens (or bridged-in sSTB).",
  },
  {
    contract: "SSTBToken",
    signature: "burn(uint256)",
    kind: "protocol-operation",
    caller: "SSTB_BURNER (Redemption; the bridge on remote chains)",
    critical: false,
    description: "Burn the caller's own sSTB on redemption or bridging out.",
  },
];
