import { getAddress } from "ethers";
import { CrossChainBridge__factory } from "../../typechain-types/factories/contracts/bridge/CrossChainBridge__factory.js";
import { MessageVerifier__factory } from "../../typechain-types/factories/contracts/bridge/MessageVerifier__factory.js";
import { localWallet } from "../accounts.js";
import { ROLES } from "../contracts.js";
import { Stab3lError } from "../errors.js";
import { SSTBToken__factory } from "../../typechain-types/factories/contracts/core/SSTBToken__factory.js";
import { assertLocalChain, refuseDevelopmentAccounts } from "./local-chain.js";
import { mapRole } from "./markets.js";
import type { DeployModule, RoleGrant } from "./modules.js";

/**
 * Chain ids of the local pair: the home chain (Hardhat's default) and a second local chain for remote tests. Both
 * are local chain ids (LOCAL_CHAIN_IDS), the only ones where development relayers are accepted.
 */
export const LOCAL_HOME_CHAIN_ID = 31337;
export const LOCAL_REMOTE_CHAIN_ID = 1337;

/**
 * Local relayer keys: Hardhat mnemonic accounts 23-25 (outside the 20 funded accounts: relayers only sign;
 * whoever submits pays gas; 20-22 are the local attesters). Public keys: local chains only (refused elsewhere).
 */
export const LOCAL_RELAYER_INDEXES = [23, 24, 25] as const;

/**
 * A peer of the bridge: a chain and the bridge contract there, or a promise of its address when both chains are
 * deployed together (the two deployments hand each other their bridge through `onDeployed`).
 */
export interface BridgePeer {
  chainId: number;
  bridge: string | Promise<string>;
}

/** Options of the bridge module. */
export interface BridgeOptions {
  /** "home": lock/release (where sSTB is minted); "remote": burn/mint. */
  mode: "home" | "remote";
  /**
   * Peer chains and their bridges. Required on real networks (may be empty: governance adds peers later with
   * `setPeerChain(chainId, bridge)`); local default: none, since the other chain's bridge is not known yet.
   */
  peers?: BridgePeer[];
  /** Initial relayer set. Local default: LOCAL_RELAYER_INDEXES; required elsewhere. */
  relayers?: string[];
  /** Told this bridge's address as soon as it is deployed, before the peers are awaited. */
  onDeployed?: (bridge: string) => void;
}

/** Bridge functions users call: PUBLIC_ROLE, so guardians can pause them. */
export const BRIDGE_PUBLIC_FUNCTIONS = ["bridgeOut", "receiveMessage"] as const;

/** Roles the bridge holds: on a remote chain it mints and burns sSTB; at home it holds none. */
export function bridgeRoles(mode: BridgeOptions["mode"]): RoleGrant[] {
  if (mode === "home") return [];
  return [
    { roleId: ROLES.SSTB_MINTER, label: "SSTB_MINTER", holders: ["CrossChainBridge"] },
    { roleId: ROLES.SSTB_BURNER, label: "SSTB_BURNER", holders: ["CrossChainBridge"] },
  ];
}

/**
 * MessageVerifier (relayer set; threshold in the ParameterStore) and CrossChainBridge in `mode`. The deployer, still
 * the authority's admin, seeds the relayer set and the peers through the same restricted setters governance uses.
 */
export function bridgeModule(options: BridgeOptions): DeployModule {
  return {
    name: `bridge (${options.mode})`,
    roles: bridgeRoles(options.mode),
    preflight(chainId) {
      if (!options.relayers) assertLocalChain(chainId, "bridge relayers from the development mnemonic");
      if (!options.peers) assertLocalChain(chainId, "the bridge with the local pair's peers");
      refuseDevelopmentAccounts(
        chainId,
        (options.relayers ?? []).map((r, i): [string, string] => [`relayer ${i}`, r]),
      );
    },
    async deploy(ctx) {
      const local = !ctx.config.external;
      if (!options.relayers && local)
        assertLocalChain(ctx.chain.chainId, "bridge relayers from the development mnemonic");
      if (!options.peers && local) assertLocalChain(ctx.chain.chainId, "the bridge with the local pair's peers");
      const peers = options.peers ?? (local ? [] : undefined);
      const relayers =
        options.relayers ?? (local ? LOCAL_RELAYER_INDEXES.map((i) => localWallet(i).address) : undefined);
      if (!peers || !relayers) {
        throw new Stab3lError(`chain ${ctx.chain.chainId}: the bridge module needs peers and relayers`);
      }
      refuseDevelopmentAccounts(
        ctx.chain.chainId,
        relayers.map((r, i): [string, string] => [`relayer ${i}`, r]),
      );
      const authority = await ctx.core.authority.getAddress();
      const params = await ctx.core.parameters.getAddress();
      let sstb = ctx.contracts.SSTBToken;
      if (!sstb) {
        if (options.mode === "home") throw new Stab3lError("the home bridge needs the prices & sSTB module first");
        // A remote chain has sSTB and nothing else of the protocol: the same token, minted only by the bridge.
        const token = await (await new SSTBToken__factory(ctx.deployer).deploy(authority)).waitForDeployment();
        sstb = await token.getAddress();
        ctx.contracts.SSTBToken = sstb;
        await mapRole(ctx, sstb, token.interface, ["mint"], ROLES.SSTB_MINTER);
        await mapRole(ctx, sstb, token.interface, ["burnFrom"], ROLES.SSTB_BURNER);
        ctx.log(`SSTBToken ${sstb} (remote: minted and burned by the bridge alone)`);
      }
      const verifier = await (
        await new MessageVerifier__factory(ctx.deployer).deploy(authority, params)
      ).waitForDeployment();
      const verifierAddress = await verifier.getAddress();
      const bridge = await (
        await new CrossChainBridge__factory(ctx.deployer).deploy(
          authority,
          params,
          options.mode === "home" ? 0 : 1,
          sstb,
          verifierAddress,
        )
      ).waitForDeployment();
      const bridgeAddress = await bridge.getAddress();
      ctx.contracts.MessageVerifier = verifierAddress;
      ctx.contracts.CrossChainBridge = bridgeAddress;
      for (const r of relayers) await (await verifier.setRelayer(getAddress(r), true)).wait();
      options.onDeployed?.(bridgeAddress);
      for (const peer of peers) await (await bridge.setPeerChain(peer.chainId, getAddress(await peer.bridge))).wait();
      await mapRole(ctx, bridgeAddress, bridge.interface, BRIDGE_PUBLIC_FUNCTIONS, ROLES.PUBLIC);
      ctx.log(
        `CrossChainBridge ${bridgeAddress} (${options.mode}, peers ${peers.map((p) => p.chainId).join(", ") || "none"}); ` +
          `MessageVerifier ${verifierAddress} with ${relayers.length} relayers`,
      );
    },
  };
}
