import { MaxUint256 } from "ethers";
import { localWallet } from "../../governance/accounts.js";
import { PARAMETERS, registrationOf } from "../../governance/catalog/index.js";
import { ROLES } from "../../governance/contracts.js";
import { LOCAL_HOME_CHAIN_ID, LOCAL_RELAYER_INDEXES, LOCAL_REMOTE_CHAIN_ID } from "../../governance/deploy/bridge.js";
import { selectors } from "../../governance/deploy/markets.js";
import { domainFromEip712, signAll, type BridgeMessage } from "../../relayer/messages.js";
import { CrossChainBridgeHarness__factory } from "../../typechain-types/factories/contracts/mocks/CrossChainBridgeHarness__factory.js";
import { MessageVerifier__factory } from "../../typechain-types/factories/contracts/bridge/MessageVerifier__factory.js";
import { SSTBToken__factory } from "../../typechain-types/factories/contracts/core/SSTBToken__factory.js";
import { ParameterStore__factory } from "../../typechain-types/factories/contracts/params/ParameterStore__factory.js";
import { STAB3LAuthority__factory } from "../../typechain-types/factories/contracts/access/STAB3LAuthority__factory.js";
import { marketSystem } from "../market/fixture.js";
import { governed } from "../oracles/fixtures.js";

export const WAD = 10n ** 18n;
export const HOME = BigInt(LOCAL_HOME_CHAIN_ID);
export const REMOTE = BigInt(LOCAL_REMOTE_CHAIN_ID);
export const relayerWallets = LOCAL_RELAYER_INDEXES.map((i) => localWallet(i));

/**
 * The production home deployment plus, in the same in-process network, a stand-in for a remote chain: its own
 * authority, ParameterStore (bridge parameters from the catalog), sSTB, MessageVerifier and a bridge harness that
 * answers to chain id 1337 (LOCAL_REMOTE_CHAIN_ID). The remote side is wired exactly as the remote deploy module wires a real one.
 */
export async function bridgePair() {
  const m = await marketSystem();
  const d = m.deployer;
  const authority = await (await new STAB3LAuthority__factory(d).deploy(d.address)).waitForDeployment();
  const a = await authority.getAddress();
  const params = await (await new ParameterStore__factory(d).deploy(a)).waitForDeployment();
  await (await authority.setParameterStore(await params.getAddress())).wait();
  await (
    await params.registerParameters(
      PARAMETERS.filter((p) => p.domain === "bridge" || p.domain === "guardian").map(registrationOf),
    )
  ).wait();
  const sstb = await (await new SSTBToken__factory(d).deploy(a)).waitForDeployment();
  const verifier = await (
    await new MessageVerifier__factory(d).deploy(a, await params.getAddress())
  ).waitForDeployment();
  const bridge = await (
    await new CrossChainBridgeHarness__factory(d).deploy(
      a,
      await params.getAddress(),
      1,
      await sstb.getAddress(),
      await verifier.getAddress(),
      REMOTE,
    )
  ).waitForDeployment();
  const b = await bridge.getAddress();
  await (
    await authority.setTargetFunctionRole(
      await sstb.getAddress(),
      selectors(sstb.interface, ["mint"]),
      ROLES.SSTB_MINTER,
    )
  ).wait();
  await (
    await authority.setTargetFunctionRole(
      await sstb.getAddress(),
      selectors(sstb.interface, ["burnFrom"]),
      ROLES.SSTB_BURNER,
    )
  ).wait();
  await (
    await authority.setTargetFunctionRole(b, selectors(bridge.interface, ["bridgeOut", "receiveMessage"]), ROLES.PUBLIC)
  ).wait();
  await (await authority.grantRole(ROLES.SSTB_MINTER, b, 0)).wait();
  await (await authority.grantRole(ROLES.SSTB_BURNER, b, 0)).wait();
  for (const w of relayerWallets) await (await verifier.setRelayer(w.address, true)).wait();
  await (await bridge.setPeerChain(HOME, await m.bridge.getAddress())).wait();
  // The home deployment knows no remote bridge yet: governance makes the harness its peer, as on a real network.
  await governed(
    m,
    [
      {
        target: m.deployment.contracts.CrossChainBridge,
        value: 0n,
        data: m.bridge.interface.encodeFunctionData("setPeerChain", [REMOTE, b]),
      },
    ],
    "# Bridge: chain 31338's bridge is the home bridge's peer",
    m.feedKeeper,
  );
  for (const u of Object.values(m.users)) await (await sstb.connect(u).approve(b, MaxUint256)).wait();

  const homeDomain = domainFromEip712(await m.verifier.eip712Domain());
  const remoteDomain = domainFromEip712(await verifier.eip712Domain());
  const homeBridge = await m.bridge.getAddress();
  return {
    ...m,
    home: { bridge: m.bridge, verifier: m.verifier, sstb: m.sstb, domain: homeDomain, chainId: HOME },
    remote: { bridge, verifier, sstb, domain: remoteDomain, chainId: REMOTE, authority, params },
    /** The route fields of a message each way (source and destination chain and bridge). */
    routes: {
      toRemote: { srcChainId: HOME, srcBridge: homeBridge, dstChainId: REMOTE, dstBridge: b },
      toHome: { srcChainId: REMOTE, srcBridge: b, dstChainId: HOME, dstBridge: homeBridge },
    },
  };
}
export type BridgePair = Awaited<ReturnType<typeof bridgePair>>;

/** Threshold signatures (the first `n` local relayers) for a message to `side`. */
export async function signFor(
  side: BridgePair["home"] | BridgePair["remote"],
  message: BridgeMessage,
  n = 2,
): Promise<string[]> {
  return signAll(relayerWallets.slice(0, n), side.domain, message);
}
