import { expect } from "chai";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contract, encryptKeystoreJson, NonceManager, Wallet, type ContractRunner } from "ethers";
import { localWallet } from "../../governance/accounts.js";
import { connect, type Chain } from "../../governance/chain.js";
import { coreContracts, protocolContracts } from "../../governance/contracts.js";
import { deployStab3l } from "../../governance/deploy/index.js";
import { verifyHandover } from "../../governance/deploy/verify.js";
import { parseNetworkConfig, type NetworkConfig } from "../../governance/deploy/network-config.js";
import { DeployRefusedError, modulesOf, reviewNetworkConfig } from "../../governance/deploy/review.js";
import { loadDeployment, type SafeContracts } from "../../governance/deployment.js";
import { InputError } from "../../governance/errors.js";
import { createSafe, deploySafeInfrastructure } from "../../governance/safe/infrastructure.js";
import { encodeAsset } from "../../oracles/feeds.js";
import { MockCollateralToken__factory } from "../../typechain-types/factories/contracts/mocks/MockCollateralToken__factory.js";
import { MockUSDC__factory } from "../../typechain-types/factories/contracts/mocks/MockUSDC__factory.js";
import { StandInFeed__factory } from "../../typechain-types/factories/contracts/mocks/StandIns.sol/StandInFeed__factory.js";
import { StandInToken__factory } from "../../typechain-types/factories/contracts/mocks/StandIns.sol/StandInToken__factory.js";
import { MockV3Aggregator__factory } from "../../typechain-types/factories/@chainlink/contracts/src/v0.8/tests/MockV3Aggregator__factory.js";
import { startHardhatNode, type HardhatNode } from "../../scripts/lib/hardhat-node.js";
import { CrossChainBridge__factory } from "../../typechain-types/factories/contracts/bridge/CrossChainBridge__factory.js";
import { MessageVerifier__factory } from "../../typechain-types/factories/contracts/bridge/MessageVerifier__factory.js";

const ARBITRUM = 42161;
const require = createRequire(import.meta.url);
const SAFE_ABI = ["function getOwners() view returns (address[])", "function getThreshold() view returns (uint256)"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run scripts/deploy.ts as a person would, with only the given environment variables for the deploy. */
function runDeploy(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = { ...process.env };
  for (const k of ["DEPLOYER_PRIVATE_KEY", "DEPLOYER_KEYSTORE_PASSWORD", "STAB3L_RPC_URL", "STAB3L_CHAIN_ID"]) {
    delete clean[k];
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [require.resolve("tsx/cli"), "scripts/deploy.ts", ...args],
      { env: { ...clean, ...env }, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
      },
    );
  });
}

const random = () => Wallet.createRandom().address;
/** The bridge of a peer chain (Optimism, 10) in the test config. */
const optimismBridge = Wallet.createRandom().address;

/**
 * A Hardhat node answering as Arbitrum One (chain 42161), on which "someone else" (not the deployer) has deployed
 * what a real network already has: the Safe contracts, operated feeds (StandInFeed: only their operator reports),
 * a token with a fixed supply (StandInToken), an existing Safe; and, for the refusals, the local mocks.
 */
describe("real-network deployment (a Hardhat node answering as chain 42161)", function () {
  this.timeout(600_000);
  let node: HardhatNode;
  let chain: Chain;
  let dir: string;
  let infra: SafeContracts;
  let feeds: { cuUsd: string; collateralUsd: string; sequencerUptime: string };
  let usdc: string;
  let mocks: { feed: string; faucetToken: string; usdc: string };
  let existingGuardian: { address: string; owners: string[] };
  let deployer: Wallet;
  let valid: Record<string, unknown>;

  before(async () => {
    node = await startHardhatNode({ env: { STAB3L_CHAIN_ID: String(ARBITRUM) } });
    chain = await connect(node.url, ARBITRUM);
    dir = mkdtempSync(join(tmpdir(), "stab3l-deploy-"));
    const someone = new NonceManager(localWallet(19, chain.provider));
    const operator = random();
    infra = await deploySafeInfrastructure(someone);
    const now = BigInt((await chain.provider.getBlock("latest"))!.timestamp);
    const feed = async (decimals: number, description: string, answer: bigint, startedAt: bigint) => {
      const f = await new StandInFeed__factory(someone).deploy(operator, decimals, description, answer, startedAt);
      return (await f.waitForDeployment()).getAddress();
    };
    feeds = {
      cuUsd: await feed(8, "CU / USD", 6_500_000n, now),
      collateralUsd: await feed(8, "USDC / USD", 100_000_000n, now),
      sequencerUptime: await feed(0, "L2 Sequencer Uptime Status Feed", 0n, now - 2n * 86_400n),
    };
    const token = await new StandInToken__factory(someone).deploy("USD Coin", "USDC", 6, random(), 10n ** 15n);
    usdc = await (await token.waitForDeployment()).getAddress();
    const mockFeed = await (await new MockV3Aggregator__factory(someone).deploy(8, 6_500_000n)).waitForDeployment();
    const faucet = await (await new MockCollateralToken__factory(someone).deploy()).waitForDeployment();
    const mockUsdc = await (await new MockUSDC__factory(someone).deploy()).waitForDeployment();
    mocks = {
      feed: await mockFeed.getAddress(),
      faucetToken: await faucet.getAddress(),
      usdc: await mockUsdc.getAddress(),
    };
    const guardianOwners = [random(), random(), random()];
    existingGuardian = {
      address: await createSafe(chain, someone, infra, guardianOwners, 2, "7", "1.5.0"),
      owners: guardianOwners,
    };
    deployer = Wallet.createRandom() as unknown as Wallet;
    await (await someone.sendTransaction({ to: deployer.address, value: 100n * 10n ** 18n })).wait();
    valid = {
      network: "arbitrum",
      chainId: ARBITRUM,
      safe: { version: "1.5.0", contracts: infra },
      safes: {
        core: { owners: [random(), random(), random()], threshold: 2 },
        guardian: { existing: existingGuardian.address },
      },
      delegates: [random(), random()],
      bridge: {
        mode: "home",
        peers: [{ chainId: 10, bridge: optimismBridge }],
        relayers: [random(), random(), random()],
      },
      prices: feeds,
      tokens: { collateral: usdc, quote: usdc },
      attesters: [random(), random(), random()],
    };
  });

  after(async () => {
    (chain?.provider as { destroy?: () => void } | undefined)?.destroy?.();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** `valid` with `patch` applied to a deep copy (raw JSON, edited freely: the schema parses it right after). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function configWith(patch: (c: Record<string, any>) => void): NetworkConfig {
    const c = JSON.parse(JSON.stringify(valid));
    patch(c);
    return parseNetworkConfig(c, "test config");
  }

  /** The InputError message `promise` is rejected with. */
  async function failure(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (err) {
      expect(err).to.be.instanceOf(InputError);
      return (err as Error).message;
    }
    throw new Error("not refused");
  }

  async function refusal(config: NetworkConfig, from = deployer.address): Promise<string[]> {
    try {
      await reviewNetworkConfig(config, "test config", chain, from);
    } catch (err) {
      expect(err).to.be.instanceOf(DeployRefusedError);
      return (err as DeployRefusedError).problems;
    }
    throw new Error("the config was accepted");
  }

  it("refuses to run on a real network without a config file (exit 2, nothing sent)", async () => {
    const block = await chain.provider.getBlockNumber();
    const run = await runDeploy(["--network", "arbitrum", "--rpc", node.url], {
      DEPLOYER_PRIVATE_KEY: deployer.privateKey,
    });
    expect(run.code).to.equal(2);
    expect(run.stderr.trim()).to.equal(
      "deploy refused: no deployment config at deployments/config/arbitrum.json: a real network is deployed only " +
        "from a reviewed config (start from deployments/config/arbitrum.example.json)",
    );
    expect(await chain.provider.getBlockNumber()).to.equal(block);
  });

  it("refuses `npm run deploy:local` against chain 42161, and --network given twice", async () => {
    const block = await chain.provider.getBlockNumber();
    const local = await runDeploy(["--network", "localhost", "--rpc", node.url]);
    expect(local.code).to.equal(2);
    expect(local.stderr.trim()).to.equal(
      `deploy refused: ${node.url} is chain 42161, not a local chain (31337, 1337): --network localhost deploys ` +
        "mocks and development keys; deploy a real network with --network <name> and deployments/config/<name>.json",
    );
    const twice = await runDeploy(["--network", "localhost", "--network", "arbitrum", "--rpc", node.url]);
    expect(twice.code).to.equal(2);
    expect(twice.stderr).to.contain("deploy refused: --network given 2 times (localhost, arbitrum)");
    expect(await chain.provider.getBlockNumber()).to.equal(block);
  });

  it("the SDK itself refuses mocks, fresh Safe copies and development keys on chain 42161", async () => {
    const owners = [random(), random(), random()];
    const base = { chain, network: "arbitrum", coreOwners: owners, guardianOwners: owners, delegates: [] };
    const block = await chain.provider.getBlockNumber();
    expect(await failure(deployStab3l({ ...base, deployer: localWallet(0, chain.provider) }))).to.equal(
      "deployer 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 is account 0 of the public development mnemonic: " +
        "refused on chain 42161",
    );
    expect(await failure(deployStab3l({ ...base, deployer }))).to.equal(
      "chain 42161 is not a local chain (31337, 1337): refusing to deploy fresh Safe infrastructure; a real " +
        "network is deployed from a reviewed deployments/config/<network>.json",
    );
    expect(await chain.provider.getBlockNumber()).to.equal(block);
    // With the Safe contracts named but no external feeds the prices module would deploy MockV3Aggregators: every
    // module's preflight runs before the first transaction.
    expect(await failure(deployStab3l({ ...base, deployer, safeContracts: infra }))).to.match(
      /^chain 42161 is not a local chain \(31337, 1337\): refusing to deploy MockV3Aggregator price feeds/,
    );
    expect(await chain.provider.getBlockNumber()).to.equal(block);
  });

  it("the committed Arbitrum example is refused until every placeholder is replaced", () => {
    const raw = JSON.parse(readFileSync("deployments/config/arbitrum.example.json", "utf8"));
    let lines: string[] = [];
    try {
      parseNetworkConfig(raw, "example");
    } catch (err) {
      lines = (err as InputError).details!.problems as string[];
    }
    expect(lines).to.have.length(15);
    expect(lines).to.include(
      'example: prices.cuUsd: "REPLACE_ME STAB3L CU/USD aggregator (there is no public CU/USD feed)" is a ' +
        "placeholder: replace it with a reviewed address",
    );
    const filled = JSON.parse(JSON.stringify(raw).replace(/"REPLACE_ME[^"]*"/g, () => `"${random()}"`));
    const config = parseNetworkConfig(filled, "example");
    expect(config.prices!.sequencerUptime).to.equal("0xFdB631F5EE196F0ed6FAa767959853A9F217697D");
    expect(config.tokens!.collateral).to.equal("0xaf88d065e77c8cC2239327C5EDb3A432268e5831");
  });

  it("validates the file with one line per field: what was expected", () => {
    const lines = (() => {
      try {
        configWith((c) => {
          c.safes.core.threshold = 1;
          c.prices.sequencerUptime = null;
          c.bridge.peers = [{ chainId: ARBITRUM, bridge: optimismBridge }];
          c.attesters = [c.attesters[0]];
          c.tokens.quote = "0x1234";
          c.extra = true;
        });
      } catch (err) {
        return (err as InputError).details!.problems as string[];
      }
      return [];
    })();
    expect(lines).to.deep.equal([
      "test config: safes.core.threshold: expected at least 2 (a 1-of-N Safe is one key), got 1",
      'test config: tokens.quote: expected a 0x-prefixed 20-byte hex address, got "0x1234"',
      'test config: (root): Unrecognized key: "extra"',
    ]);
    // Once the shape is right, the cross-field rules speak.
    const rules = (() => {
      try {
        configWith((c) => {
          c.safes.core.threshold = 1;
          c.prices.sequencerUptime = null;
          c.bridge.peers = [{ chainId: ARBITRUM, bridge: optimismBridge }];
          c.attesters = [c.attesters[0]];
        });
      } catch (err) {
        return (err as InputError).details!.problems as string[];
      }
      return [];
    })();
    const remote = (() => {
      try {
        configWith((c) => (c.bridge.mode = "remote"));
      } catch (err) {
        return (err as InputError).details!.problems as string[];
      }
      return [];
    })();
    const remove = "a remote chain deploys only sSTB and the bridge: remove it";
    expect(remote).to.deep.equal([
      `test config: prices: ${remove}`,
      `test config: tokens: ${remove}`,
      `test config: attesters: ${remove}`,
    ]);
    expect(rules).to.deep.equal([
      "test config: safes.core.threshold: expected at least 2 (a 1-of-N Safe is one key), got 1",
      "test config: prices.sequencerUptime: Arbitrum One is an L2: expected Chainlink's L2 sequencer uptime feed, got null",
      "test config: bridge.peers.0: 42161 is this chain itself",
      "test config: attesters: expected at least 2 (cu.attesterThreshold at genesis), got 1",
    ]);
  });

  it("refuses a MockV3Aggregator feed (also recompiled), a faucet collateral token and MockUSDC", async () => {
    // The same mock built elsewhere has another code hash (here: one byte of its metadata hash changed); it is
    // refused by what it does: any account can set its answer.
    const code = MockV3Aggregator__factory.bytecode;
    const at = code.length - 40;
    const flipped = code.slice(0, at) + (code[at] === "0" ? "1" : "0") + code.slice(at + 1);
    const someone = new NonceManager(localWallet(18, chain.provider));
    const rebuilt = await new MockV3Aggregator__factory(someone).getDeployTransaction(0, 0n);
    const sent = await someone.sendTransaction({ data: flipped + rebuilt.data.slice(code.length) });
    const recompiled = (await sent.wait())!.contractAddress!;
    expect(await chain.provider.getCode(recompiled)).to.not.equal(await chain.provider.getCode(mocks.feed));
    const problems = await refusal(
      configWith((c) => {
        c.prices.cuUsd = mocks.feed;
        c.prices.sequencerUptime = recompiled;
        c.tokens.collateral = mocks.faucetToken;
        c.tokens.quote = mocks.usdc;
      }),
    );
    expect(problems).to.deep.equal([
      `prices.cuUsd: ${mocks.feed} is MockV3Aggregator, a local test contract`,
      `prices.sequencerUptime: ${recompiled} accepts updateAnswer() from any account: a mock feed anyone can set`,
      `tokens.collateral: ${mocks.faucetToken} lets any account call faucet(address,uint256): a test token anyone can mint`,
      `tokens.quote: ${mocks.usdc} is MockUSDC, a local test contract`,
    ]);
  });

  it("refuses development-mnemonic attesters, relayers, owners and deployer, and the deployer in any role", async () => {
    const dev = (i: number) => localWallet(i).address;
    const problems = await refusal(
      configWith((c) => {
        c.attesters[1] = dev(21);
        c.bridge.relayers[0] = dev(23);
        c.safes.core.owners[2] = dev(1);
        c.delegates[0] = deployer.address;
      }),
      dev(0),
    );
    const key = "of the public development mnemonic (test test … junk): anyone holds its key";
    expect(problems).to.deep.equal([
      `attesters.1: ${dev(21)} is account 21 ${key}`,
      `bridge.relayers.0: ${dev(23)} is account 23 ${key}`,
      `deployer: ${dev(0)} is account 0 ${key}`,
      `safes.core.owners.2: ${dev(1)} is account 1 ${key}`,
    ]);
    // The same config with an honest delegate list, but the deployer named as a delegate.
    const named = await refusal(configWith((c) => (c.delegates[0] = deployer.address)));
    expect(named).to.deep.equal([
      `delegates.0: ${deployer.address} is the deployer, which must keep no power after the deployment`,
    ]);
  });

  it("refuses addresses without code where code is required, another chain id and an unfunded deployer", async () => {
    const [feed, safe, singleton] = [random(), random(), random()];
    const problems = await refusal(
      configWith((c) => {
        c.prices.collateralUsd = feed;
        c.safes.guardian.existing = safe;
        c.safe.contracts.safeSingletonAddress = singleton;
        c.safes.core = { existing: usdc };
      }),
    );
    expect(problems).to.deep.equal([
      `prices.collateralUsd: no contract at ${feed} on chain 42161`,
      `safe.contracts.safeSingletonAddress: no contract at ${singleton} on chain 42161`,
      `safes.core.existing: ${usdc} is not a Safe (getOwners() and getThreshold() do not answer)`,
      `safes.guardian.existing: no contract at ${safe} on chain 42161`,
    ]);
    expect(await refusal(configWith((c) => (c.chainId = 1)))).to.deep.equal([
      "chainId: the config is for chain 1, the RPC endpoint answers as chain 42161",
    ]);
    const broke = random();
    expect(
      await refusal(
        configWith(() => {}),
        broke,
      ),
    ).to.deep.equal([`deployer: ${broke} has no funds on chain 42161 to pay for the deployment`]);
  });

  it("prints the plan and sends nothing without --execute; with it deploys exactly the config, deployer holds nothing", async () => {
    const file = join(dir, "arbitrum.json");
    const out = join(dir, "deployment.json");
    writeFileSync(file, JSON.stringify(valid, null, 2));
    const password = "correct horse battery staple";
    const keystore = join(dir, "deployer.json");
    writeFileSync(keystore, await encryptKeystoreJson(deployer, password, { scrypt: { N: 1 << 10 } }));

    // Dry run (deployer from a keystore): the plan, nothing sent, nothing written.
    const dry = await runDeploy(
      ["--network", "arbitrum", "--config", file, "--rpc", node.url, "--keystore", keystore, "--out", out],
      { DEPLOYER_KEYSTORE_PASSWORD: password },
    );
    expect(dry.stderr).to.equal("");
    expect(dry.code).to.equal(0);
    const plan = dry.stdout.split("\n");
    const c = valid as unknown as NetworkConfig;
    expect(plan[0]).to.equal(`Deployment plan: arbitrum (chain 42161) from ${file}`);
    expect(plan).to.include(`  core Safe      new, 2-of-3: ${c.safes.core.owners!.join(", ")}`);
    expect(plan).to.include(
      `  guardian Safe  existing ${existingGuardian.address}, 2-of-3: ${existingGuardian.owners.join(", ")}`,
    );
    expect(plan).to.include(
      `  ${"prices.cuUsd".padEnd(28)} ${feeds.cuUsd}  "CU / USD", answer ${"0.065"} (8 decimals), updated ` +
        plan.find((l) => l.includes("prices.cuUsd"))!.split("updated ")[1],
    );
    expect(plan).to.include(`  ${"tokens.collateral".padEnd(28)} ${usdc}  USDC, 6 decimals`);
    expect(plan.some((l) => l.includes(`AttesterReportVerifier(attesters: ${c.attesters!.join(", ")})`))).to.equal(
      true,
    );
    expect(plan).to.include(
      `  [bridge (home)] MessageVerifier(relayers: ${c.bridge.relayers.join(", ")}), CrossChainBridge(lock/release; peers: 10 (${optimismBridge}))`,
    );
    expect(plan).to.include(`  ${"GUARDIAN".padEnd(18)} guardian Safe`);
    expect(plan).to.include(`  ${"SSTB_MINTER".padEnd(18)} MintingAgent`);
    expect(plan).to.include("Dry run: nothing was sent. Review the plan, then re-run with --execute to deploy it.");
    expect(await chain.provider.getTransactionCount(deployer.address)).to.equal(0);
    expect(existsSync(out)).to.equal(false);

    // Execute (deployer from DEPLOYER_PRIVATE_KEY).
    const run = await runDeploy(
      ["--network", "arbitrum", "--config", file, "--rpc", node.url, "--out", out, "--execute"],
      {
        DEPLOYER_PRIVATE_KEY: deployer.privateKey,
      },
    );
    expect(run.stderr).to.equal("");
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain("the deployer holds no role");
    const d = loadDeployment(out);
    expect(d.chainId).to.equal(ARBITRUM);
    expect(d.accounts.deployer).to.equal(deployer.address);
    expect(d.contracts).to.not.have.property("MockUSDC");

    const provider: ContractRunner = chain.provider;
    const safe = (a: string) => new Contract(a, SAFE_ABI, provider);
    expect(await safe(d.safes.core).getOwners()).to.deep.equal(c.safes.core.owners);
    expect(await safe(d.safes.core).getThreshold()).to.equal(2n);
    expect(d.safes.guardian).to.equal(existingGuardian.address);
    const p = protocolContracts(d, provider);
    expect((await p.oracle.assetConfig(encodeAsset("CU/USD"))).feed).to.equal(feeds.cuUsd);
    expect((await p.oracle.assetConfig(encodeAsset("COLLATERAL/USD"))).feed).to.equal(feeds.collateralUsd);
    expect(await p.oracle.sequencerUptimeFeed()).to.equal(feeds.sequencerUptime);
    expect(await p.collateral.collateralToken()).to.equal(usdc);
    expect(await p.attesters.attesterCount()).to.equal(3n);
    for (const a of c.attesters!) expect(await p.attesters.isAttester(a)).to.equal(true);
    const verifier = MessageVerifier__factory.connect(d.contracts.MessageVerifier, provider);
    expect(await verifier.relayers()).to.deep.equal(c.bridge.relayers);
    expect(await CrossChainBridge__factory.connect(d.contracts.CrossChainBridge, provider).peerChains()).to.deep.equal([
      10n,
    ]);

    // The deployer keeps nothing: no role anywhere, no rSTB, no votes.
    const report = await verifyHandover(d, chain.provider, modulesOf(c));
    expect(report.problems).to.deep.equal([]);
    expect(report.holdings.filter((h) => h.holder === deployer.address)).to.deep.equal([]);
    const core = coreContracts(d, provider);
    expect((await core.authority.hasRole(0n, deployer.address))[0]).to.equal(false);
    expect(await core.token.balanceOf(deployer.address)).to.equal(0n);
    expect((await core.authority.hasRole(1n, existingGuardian.address))[0]).to.equal(true);
  });
});
