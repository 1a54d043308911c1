import { expect } from "chai";
import { NonceManager, Wallet } from "ethers";
import { localPrivateKey, LOCAL_ACCOUNT_LAYOUT } from "../../governance/accounts.js";
import { connect, type Chain } from "../../governance/chain.js";
import { deployStab3l, verifyHandover } from "../../governance/deploy/index.js";
import {
  LOCAL_HOME_CHAIN_ID,
  LOCAL_RELAYER_INDEXES,
  LOCAL_REMOTE_CHAIN_ID,
  bridgeModule,
} from "../../governance/deploy/bridge.js";
import { MODULES, REMOTE_MODULES } from "../../governance/deploy/modules.js";
import type { Deployment } from "../../governance/deployment.js";
import { CrossChainBridge__factory } from "../../typechain-types/factories/contracts/bridge/CrossChainBridge__factory.js";
import { SSTBToken__factory } from "../../typechain-types/factories/contracts/core/SSTBToken__factory.js";
import { freePort, killAll, startHardhatNode, startRelayer, type Child } from "./nodes.js";

const WAD = 10n ** 18n;
const L = LOCAL_ACCOUNT_LAYOUT;
const address = (i: number) => new Wallet(localPrivateKey(i)).address;

/**
 * Deploy the whole system on `chain`; the bridge module hands its address to the other chain's deployment
 * (`onDeployed`) and waits for that one's (`peerBridge`), so each bridge knows its peer before the handover.
 */
async function deployOn(
  chain: Chain,
  network: string,
  remote: boolean,
  peer: { chainId: number; bridge: Promise<string> },
  onDeployed: (bridge: string) => void,
): Promise<Deployment> {
  const bridge = bridgeModule({ mode: remote ? "remote" : "home", peers: [peer], onDeployed });
  return deployStab3l({
    chain,
    network,
    deployer: new Wallet(localPrivateKey(L.deployer), chain.provider),
    coreOwners: L.coreOwners.map(address),
    guardianOwners: L.guardianOwners.map(address),
    delegates: L.delegates.map(address),
    modules: remote ? [bridge] : [...MODULES.filter((m) => !m.name.startsWith("bridge")), bridge],
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * sSTB moved to a second local chain and back: two real Hardhat JSON-RPC nodes (chains 31337 and 1337), the whole
 * system deployed on each (the home chain with markets and a lock/release bridge, the remote with a burn/mint
 * bridge), and two relayer processes, one per direction, started from relayer/cli.ts.
 */
describe("bridge end to end: two Hardhat nodes and the relayer", function () {
  this.timeout(600_000);
  let home: Chain;
  let remote: Chain;
  let homeDeployment: Deployment;
  let remoteDeployment: Deployment;
  const children: Child[] = [];

  before(async () => {
    const [homePort, remotePort] = [await freePort(), await freePort()];
    const nodes = await Promise.all([
      startHardhatNode(LOCAL_HOME_CHAIN_ID, homePort),
      startHardhatNode(LOCAL_REMOTE_CHAIN_ID, remotePort),
    ]);
    children.push(...nodes);
    home = await connect(`http://127.0.0.1:${homePort}`, LOCAL_HOME_CHAIN_ID);
    remote = await connect(`http://127.0.0.1:${remotePort}`, LOCAL_REMOTE_CHAIN_ID);
    let homeBridgeDeployed!: (address: string) => void;
    let remoteBridgeDeployed!: (address: string) => void;
    const homeBridgeAddress = new Promise<string>((resolve) => (homeBridgeDeployed = resolve));
    const remoteBridgeAddress = new Promise<string>((resolve) => (remoteBridgeDeployed = resolve));
    [homeDeployment, remoteDeployment] = await Promise.all([
      deployOn(
        home,
        "local-home",
        false,
        { chainId: LOCAL_REMOTE_CHAIN_ID, bridge: remoteBridgeAddress },
        homeBridgeDeployed,
      ),
      deployOn(
        remote,
        "local-remote",
        true,
        { chainId: LOCAL_HOME_CHAIN_ID, bridge: homeBridgeAddress },
        remoteBridgeDeployed,
      ),
    ]);
    const env = {
      RELAYER_KEYS: LOCAL_RELAYER_INDEXES.map(localPrivateKey).join(","),
      STAB3L_CHAIN_ID: "",
    };
    const homeRpc = `http://127.0.0.1:${homePort}`;
    const remoteRpc = `http://127.0.0.1:${remotePort}`;
    const homeBridge = homeDeployment.contracts.CrossChainBridge;
    const remoteBridge = remoteDeployment.contracts.CrossChainBridge;
    // Separate submitters per direction: each pays gas on its destination chain.
    children.push(
      await startRelayer(
        "relayer home→remote",
        [
          "--source-rpc",
          homeRpc,
          "--source-bridge",
          homeBridge,
          "--dest-rpc",
          remoteRpc,
          "--dest-bridge",
          remoteBridge,
          "--from-block",
          "0",
          "--poll-ms",
          "300",
        ],
        { ...env, SUBMITTER_KEY: localPrivateKey(L.spare[6]) },
      ),
      await startRelayer(
        "relayer remote→home",
        [
          "--source-rpc",
          remoteRpc,
          "--source-bridge",
          remoteBridge,
          "--dest-rpc",
          homeRpc,
          "--dest-bridge",
          homeBridge,
          "--from-block",
          "0",
          "--poll-ms",
          "300",
        ],
        { ...env, SUBMITTER_KEY: localPrivateKey(L.spare[7]) },
      ),
    );
  });

  after(() => {
    for (const c of children)
      if (c.process.exitCode !== null && c.process.exitCode !== 0) console.error(c.output.join(""));
    killAll();
    (home?.provider as { destroy?: () => void } | undefined)?.destroy?.();
    (remote?.provider as { destroy?: () => void } | undefined)?.destroy?.();
  });

  /**
   * Home sSTB for the user. Minting (attested report → CU → sSTB, auto-staked) is tested end to end in
   * test/core/minting.test.ts; here the local node lets the MintingAgent, the home chain's SSTB_MINTER, mint
   * directly, so this test is about the bridge alone.
   */
  async function homeMint(to: string, amount: bigint) {
    const agent = homeDeployment.contracts.MintingAgent;
    const rpc = home.provider as unknown as { send(method: string, params: unknown[]): Promise<unknown> };
    await rpc.send("hardhat_impersonateAccount", [agent]);
    await rpc.send("hardhat_setBalance", [agent, "0xDE0B6B3A7640000"]);
    const data = SSTBToken__factory.createInterface().encodeFunctionData("mint", [to, amount]);
    const hash = (await rpc.send("eth_sendTransaction", [
      { from: agent, to: homeDeployment.contracts.SSTBToken, data },
    ])) as string;
    const receipt = await home.provider.waitForTransaction(hash);
    expect(receipt?.status).to.equal(1);
    await rpc.send("hardhat_stopImpersonatingAccount", [agent]);
  }

  it("both deployments pass the handover check (the remote bridge alone mints and burns sSTB there)", async () => {
    expect((await verifyHandover(homeDeployment, home.provider, MODULES)).problems).to.deep.equal([]);
    const report = await verifyHandover(remoteDeployment, remote.provider, REMOTE_MODULES);
    expect(report.problems).to.deep.equal([]);
    const minters = report.holdings.filter((h) => h.role === "SSTB_MINTER").map((h) => h.holderName);
    expect(minters).to.deep.equal(["CrossChainBridge"]);
  });

  it("moves sSTB to the second chain and back through the relayers", async () => {
    const user = new NonceManager(new Wallet(localPrivateKey(L.spare[1]), home.provider));
    const userAddress = await user.getAddress();
    const userRemote = new NonceManager(new Wallet(localPrivateKey(L.spare[1]), remote.provider));
    const homeSstb = SSTBToken__factory.connect(homeDeployment.contracts.SSTBToken, user);
    const remoteSstb = SSTBToken__factory.connect(remoteDeployment.contracts.SSTBToken, userRemote);
    const homeBridge = CrossChainBridge__factory.connect(homeDeployment.contracts.CrossChainBridge, user);
    const remoteBridge = CrossChainBridge__factory.connect(remoteDeployment.contracts.CrossChainBridge, userRemote);
    const amount = 2_500n * WAD;

    await homeMint(userAddress, amount);
    await (await homeSstb.approve(await homeBridge.getAddress(), amount)).wait();
    await (await homeBridge.bridgeOut(LOCAL_REMOTE_CHAIN_ID, userAddress, amount)).wait();
    expect(await homeSstb.balanceOf(userAddress)).to.equal(0n);
    expect(await homeBridge.locked()).to.equal(amount);

    await until("the mint on chain 1337", async () =>
      (await remoteSstb.balanceOf(userAddress)) === amount ? true : undefined,
    );
    expect(await remoteSstb.totalSupply()).to.equal(amount);
    expect(await remoteBridge.isProcessed(LOCAL_HOME_CHAIN_ID, await homeBridge.getAddress(), 0n)).to.equal(true);

    await (await remoteSstb.approve(await remoteBridge.getAddress(), amount)).wait();
    await (await remoteBridge.bridgeOut(LOCAL_HOME_CHAIN_ID, userAddress, amount)).wait();
    expect(await remoteSstb.totalSupply()).to.equal(0n);

    await until("the release on chain 31337", async () =>
      (await homeSstb.balanceOf(userAddress)) === amount ? true : undefined,
    );
    expect(await homeBridge.locked()).to.equal(0n);
    expect(await homeBridge.isProcessed(LOCAL_REMOTE_CHAIN_ID, await remoteBridge.getAddress(), 0n)).to.equal(true);
    // INV-BRIDGE at rest: locked at home = supply on the remote.
    expect(await homeBridge.locked()).to.equal(await remoteSstb.totalSupply());
  });
});
