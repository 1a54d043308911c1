import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Contract, formatEther, formatUnits, Interface, keccak256, Wallet, type Provider } from "ethers";
import { AggregatorV3Interface__factory } from "../../typechain-types/factories/@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface__factory.js";
import { PARAMETERS } from "../catalog/index.js";
import type { Chain } from "../chain.js";
import { InputError } from "../errors.js";
import { bridgeModule } from "./bridge.js";
import type { DeployConfig } from "./config.js";
import { developmentIndex } from "./local-chain.js";
import { marketsModule } from "./markets.js";
import type { DeployModule } from "./modules.js";
import { addressesOf, deployConfigOf, type NetworkConfig } from "./network-config.js";
import { mintingStakingModule, pricesModule } from "./protocol.js";
import { expectedRoles } from "./verify.js";

/** A Chainlink-style feed of the config, as read from the chain through AggregatorV3Interface. */
export interface FeedReading {
  path: string;
  address: string;
  description: string;
  decimals: number;
  answer: bigint;
  startedAt: bigint;
  updatedAt: bigint;
}

/** An ERC-20 of the config, as read from the chain. */
export interface TokenReading {
  path: string;
  address: string;
  symbol: string;
  decimals: number;
}

/** One Safe of the deployment: created from owners and threshold, or an existing Safe read from the chain. */
export interface SafePlan {
  existing?: string;
  owners: string[];
  threshold: number;
}

/** What a reviewed config will deploy: printed before anything is sent, then executed as is. */
export interface DeployPlan {
  source: string;
  config: NetworkConfig;
  chainId: bigint;
  deployer: string;
  deployerBalance: bigint;
  safes: { core: SafePlan; guardian: SafePlan };
  feeds: FeedReading[];
  tokens: TokenReading[];
  deployConfig: DeployConfig;
  modules: readonly DeployModule[];
}

/** The config was checked against the chain and refused; `problems` has one line per reason. Nothing was sent. */
export class DeployRefusedError extends InputError {
  constructor(
    source: string,
    chainId: bigint,
    readonly problems: string[],
  ) {
    super(`${source} is refused on chain ${chainId}:\n${problems.map((p) => `  - ${p}`).join("\n")}`, {
      details: { problems },
    });
  }
}

/** Protocol modules a config deploys: the home chain's four, or a remote chain's bridge alone. */
export function modulesOf(c: NetworkConfig): readonly DeployModule[] {
  const bridge = bridgeModule({ mode: c.bridge.mode, peers: c.bridge.peers, relayers: c.bridge.relayers });
  return c.bridge.mode === "home" ? [pricesModule, mintingStakingModule, marketsModule(), bridge] : [bridge];
}

const MOCK_FEED = new Interface([
  "function updateAnswer(int256 answer)",
  "function updateRoundData(uint80 roundId, int256 answer, uint256 timestamp, uint256 startedAt)",
]);
const MINTABLE = new Interface([
  "function faucet(address to, uint256 amount)",
  "function mint(address to, uint256 amount)",
]);
const ERC20 = new Interface(["function symbol() view returns (string)", "function decimals() view returns (uint8)"]);
const SAFE = new Interface([
  "function VERSION() view returns (string)",
  "function getOwners() view returns (address[])",
  "function getThreshold() view returns (uint256)",
]);

const ARTIFACTS = fileURLToPath(new URL("../../artifacts/", import.meta.url));

/** keccak256 of the runtime code of a compiled mock, when its artifact is present and it has no immutables. */
function mockCodeHash(artifact: string): string | undefined {
  const file = `${ARTIFACTS}${artifact}`;
  if (!existsSync(file)) return undefined;
  const { deployedBytecode } = JSON.parse(readFileSync(file, "utf8")) as { deployedBytecode: string };
  return keccak256(deployedBytecode);
}

/** Runtime-code hashes of the local mocks, by name (MockCollateralToken has immutables: its probe catches it). */
function knownMocks(): Map<string, string> {
  const out = new Map<string, string>();
  const entries: [string, string][] = [
    ["MockV3Aggregator", "@chainlink/contracts/src/v0.8/tests/MockV3Aggregator.sol/MockV3Aggregator.json"],
    ["MockUSDC", "contracts/mocks/MockUSDC.sol/MockUSDC.json"],
    ["MockCollateralToken", "contracts/mocks/MockCollateralToken.sol/MockCollateralToken.json"],
  ];
  for (const [name, path] of entries) {
    const hash = mockCodeHash(path);
    if (hash) out.set(hash, name);
  }
  return out;
}

/** Whether `data` sent to `to` by an arbitrary account succeeds (an eth_call: nothing is sent). */
async function anyoneMay(provider: Provider, to: string, data: string): Promise<boolean> {
  try {
    await provider.call({ to, from: Wallet.createRandom().address, data });
    return true;
  } catch {
    return false;
  }
}

/**
 * Check `config` against the chain behind `chain`, for `deployer`, and return the plan; throws DeployRefusedError
 * listing every problem (nothing is sent either way). Refused: another chain id; any address of the public
 * development mnemonic, in the config or as deployer; the deployer named anywhere in the config (it must keep no
 * power); no code where code is required (Safe deployment, existing Safes, feeds, tokens); a feed anyone can update
 * (MockV3Aggregator by code hash or by behaviour); a token anyone can mint (the local faucets); a feed or token that
 * does not answer its interface; a Safe singleton of another version; an existing "Safe" that is not one; a deployer
 * without funds.
 */
export async function reviewNetworkConfig(
  config: NetworkConfig,
  source: string,
  chain: Chain,
  deployer: string,
): Promise<DeployPlan> {
  const { provider } = chain;
  const problems: string[] = [];
  const chainId = chain.chainId;
  if (chainId !== BigInt(config.chainId)) {
    throw new DeployRefusedError(source, chainId, [
      `chainId: the config is for chain ${config.chainId}, the RPC endpoint answers as chain ${chainId}`,
    ]);
  }

  // Development keys and the deployer.
  const addresses = addressesOf(config);
  const devOf = (path: string, a: string) => {
    const i = developmentIndex(a);
    if (i !== undefined) {
      problems.push(
        `${path}: ${a} is account ${i} of the public development mnemonic (test test … junk): anyone holds its key`,
      );
    }
  };
  devOf("deployer", deployer);
  for (const [path, a] of addresses) {
    devOf(path, a);
    if (a.toLowerCase() === deployer.toLowerCase()) {
      problems.push(`${path}: ${a} is the deployer, which must keep no power after the deployment`);
    }
  }

  // Code where code is required.
  const needsCode = addresses.filter(
    ([path]) =>
      path.startsWith("safe.contracts.") ||
      path.endsWith(".existing") ||
      path.startsWith("prices.") ||
      path.startsWith("tokens."),
  );
  const codes = new Map<string, string>();
  await Promise.all(
    needsCode.map(async ([path, a]) => {
      const code = await provider.getCode(a);
      if (code === "0x") problems.push(`${path}: no contract at ${a} on chain ${chainId}`);
      else codes.set(path, code);
    }),
  );
  const mocks = knownMocks();
  const mockNamed = (path: string, a: string): boolean => {
    const code = codes.get(path);
    const name = code ? mocks.get(keccak256(code)) : undefined;
    if (name) problems.push(`${path}: ${a} is ${name}, a local test contract`);
    return name !== undefined;
  };

  // Feeds: purely through AggregatorV3Interface, and refused when anyone can set them.
  const feeds: FeedReading[] = [];
  const feedPaths = addresses.filter(([path]) => path.startsWith("prices.") && codes.has(path));
  await Promise.all(
    feedPaths.map(async ([path, a]) => {
      if (mockNamed(path, a)) return;
      for (const fn of ["updateAnswer", "updateRoundData"] as const) {
        const args = fn === "updateAnswer" ? [1n] : [1n, 1n, 1n, 1n];
        if (await anyoneMay(provider, a, MOCK_FEED.encodeFunctionData(fn, args))) {
          problems.push(`${path}: ${a} accepts ${fn}() from any account: a mock feed anyone can set`);
          return;
        }
      }
      const feed = AggregatorV3Interface__factory.connect(a, provider);
      try {
        const [decimals, description, round] = await Promise.all([
          feed.decimals(),
          feed.description().catch(() => "(no description)"),
          feed.latestRoundData(),
        ]);
        const reading: FeedReading = {
          path,
          address: a,
          description,
          decimals: Number(decimals),
          answer: round.answer,
          startedAt: round.startedAt,
          updatedAt: round.updatedAt,
        };
        if (path === "prices.sequencerUptime") {
          if (reading.answer !== 0n && reading.answer !== 1n) {
            problems.push(
              `${path}: ${a} answers ${reading.answer}, a sequencer uptime feed answers 0 (up) or 1 (down)`,
            );
          }
        } else if (reading.answer <= 0n) {
          problems.push(`${path}: ${a} answers ${reading.answer}, expected a positive price`);
        }
        feeds.push(reading);
      } catch {
        problems.push(`${path}: ${a} does not answer AggregatorV3Interface (decimals, latestRoundData)`);
      }
    }),
  );

  // Tokens: ERC-20 reads, and refused when anyone can mint.
  const tokens: TokenReading[] = [];
  const tokenPaths = addresses.filter(([path]) => path.startsWith("tokens.") && codes.has(path));
  await Promise.all(
    tokenPaths.map(async ([path, a]) => {
      if (mockNamed(path, a)) return;
      for (const fn of ["faucet", "mint"] as const) {
        const data = MINTABLE.encodeFunctionData(fn, [Wallet.createRandom().address, 1n]);
        if (await anyoneMay(provider, a, data)) {
          problems.push(`${path}: ${a} lets any account call ${fn}(address,uint256): a test token anyone can mint`);
          return;
        }
      }
      try {
        const token = new Contract(a, ERC20, provider);
        const [symbol, decimals] = (await Promise.all([token.symbol(), token.decimals()])) as [string, bigint];
        tokens.push({ path, address: a, symbol, decimals: Number(decimals) });
      } catch {
        problems.push(`${path}: ${a} does not answer ERC-20 symbol() and decimals()`);
      }
    }),
  );

  // The Safe deployment and the Safes.
  const singleton = config.safe.contracts.safeSingletonAddress;
  if (codes.has("safe.contracts.safeSingletonAddress")) {
    const version = await (new Contract(singleton, SAFE, provider).VERSION() as Promise<string>).catch(() => undefined);
    if (version !== config.safe.version) {
      problems.push(
        `safe.contracts.safeSingletonAddress: ${singleton} reports VERSION ${version ?? "(none)"}, ` +
          `the config says ${config.safe.version}`,
      );
    }
  }
  const safePlan = async (which: "core" | "guardian"): Promise<SafePlan> => {
    const spec = config.safes[which];
    if (!spec.existing) return { owners: spec.owners!, threshold: spec.threshold! };
    const path = `safes.${which}.existing`;
    if (!codes.has(path)) return { existing: spec.existing, owners: [], threshold: 0 };
    try {
      const safe = new Contract(spec.existing, SAFE, provider);
      const [owners, threshold] = (await Promise.all([safe.getOwners(), safe.getThreshold()])) as [string[], bigint];
      owners.forEach((o, i) => {
        devOf(`${path} (owner ${i})`, o);
        if (o.toLowerCase() === deployer.toLowerCase()) {
          problems.push(`${path} (owner ${i}): ${o} is the deployer, which must keep no power after the deployment`);
        }
      });
      if (threshold < 2n) {
        problems.push(`${path}: ${spec.existing} is a ${threshold}-of-${owners.length} Safe, expected a threshold ≥ 2`);
      }
      return { existing: spec.existing, owners: [...owners], threshold: Number(threshold) };
    } catch {
      problems.push(`${path}: ${spec.existing} is not a Safe (getOwners() and getThreshold() do not answer)`);
      return { existing: spec.existing, owners: [], threshold: 0 };
    }
  };
  const [core, guardian] = [await safePlan("core"), await safePlan("guardian")];

  const deployerBalance = await provider.getBalance(deployer);
  if (deployerBalance === 0n) {
    problems.push(`deployer: ${deployer} has no funds on chain ${chainId} to pay for the deployment`);
  }

  if (problems.length > 0) throw new DeployRefusedError(source, chainId, problems.sort());
  const deployConfig = deployConfigOf(config);
  deployConfig.safeThreshold = { core: core.threshold, guardian: guardian.threshold };
  const order = <T extends { path: string }>(xs: T[]): T[] => xs.sort((a, b) => a.path.localeCompare(b.path));
  return {
    source,
    config,
    chainId,
    deployer,
    deployerBalance,
    safes: { core, guardian },
    feeds: order(feeds),
    tokens: order(tokens),
    deployConfig,
    modules: modulesOf(config),
  };
}

const rstb = (wei: bigint) => `${Number(formatUnits(wei, 18)).toLocaleString("en-US")} rSTB`;
const when = (s: bigint) => new Date(Number(s) * 1000).toISOString().replace(".000Z", "Z");

/** The plan for people: what will be deployed, with which addresses and parameters, and who holds which role. */
export function formatPlan(plan: DeployPlan): string[] {
  const c = plan.config;
  const d = plan.deployConfig;
  const home = c.bridge.mode === "home";
  const lines: string[] = [];
  const safeLine = (name: string, s: SafePlan) =>
    `  ${name.padEnd(14)} ${s.existing ? `existing ${s.existing}` : "new"}, ${s.threshold}-of-${s.owners.length}: ` +
    s.owners.join(", ");
  lines.push(`Deployment plan: ${c.network} (chain ${plan.chainId}) from ${plan.source}`);
  lines.push(
    `Deployer ${plan.deployer} (native balance ${formatEther(plan.deployerBalance)}): sends every transaction, ` +
      `then renounces ADMIN; keeps no role, no rSTB, no votes`,
  );
  lines.push("");
  lines.push(
    `Safes (Safe ${c.safe.version}: singleton ${c.safe.contracts.safeSingletonAddress}, factory ` +
      `${c.safe.contracts.safeProxyFactoryAddress})`,
  );
  lines.push(safeLine("core Safe", plan.safes.core));
  lines.push(safeLine("guardian Safe", plan.safes.guardian));
  if (home) {
    lines.push("");
    lines.push("External contracts (read from the chain)");
    for (const f of plan.feeds) {
      const status =
        f.path === "prices.sequencerUptime"
          ? `${f.answer === 0n ? "up" : "DOWN"} since ${when(f.startedAt)}`
          : `answer ${formatUnits(f.answer, f.decimals)} (${f.decimals} decimals), updated ${when(f.updatedAt)}`;
      lines.push(`  ${f.path.padEnd(28)} ${f.address}  "${f.description}", ${status}`);
    }
    if (c.prices?.sequencerUptime === null) lines.push(`  ${"prices.sequencerUptime".padEnd(28)} none (an L1)`);
    for (const t of plan.tokens) lines.push(`  ${t.path.padEnd(28)} ${t.address}  ${t.symbol}, ${t.decimals} decimals`);
  }
  lines.push("");
  lines.push("Contracts to deploy, in order");
  lines.push("  STAB3LAuthority(initial admin: deployer, until the handover)");
  lines.push(`  ParameterStore(authority) with ${PARAMETERS.length} parameters at their catalog defaults`);
  lines.push(
    `  RSTBToken(authority, ParameterStore; genesis: Timelock ${rstb(d.genesis.treasury)}, core Safe ` +
      `${rstb(d.genesis.coreSafe)}, ${c.delegates.length} delegates ${rstb(d.genesis.perDelegate)} each: ` +
      `${c.delegates.join(", ") || "none"})`,
  );
  lines.push(
    `  TimelockController(minDelay ${d.timelockMinDelay} s; proposer, canceller, executor: Governor; admin: itself)`,
  );
  const g = d.governor;
  lines.push(
    `  STAB3LGovernor(rSTB, Timelock; votingDelay ${g.votingDelay} s, votingPeriod ${g.votingPeriod} s, ` +
      `proposalThreshold ${rstb(g.proposalThreshold)}, quorum ${g.quorumNumerator}%, late-quorum extension ` +
      `${g.lateQuorumVoteExtension} s; proposal guardian: guardian Safe; guardian changes on: STAB3LAuthority)`,
  );
  if (home) {
    const p = c.prices!;
    const cu = d.protocol!.cuDefinition;
    lines.push(
      `  [prices & sSTB] PriceOracle(sequencer uptime feed ${p.sequencerUptime ?? "none"}; CU/USD → ${p.cuUsd}` +
        `${p.cuUsdFallback ? ` (fallback ${p.cuUsdFallback})` : ""}; COLLATERAL/USD → ${p.collateralUsd}` +
        `${p.collateralUsdFallback ? ` (fallback ${p.collateralUsdFallback})` : ""}), SSTBToken`,
    );
    lines.push(
      `  [minting & staking] ComputeUnitVerifier(1 CU = ${cu.flopsPerUnit} FLOPs at ${formatUnits(cu.usdPerUnit8, 8)} USD), ` +
        `AttesterReportVerifier(attesters: ${c.attesters!.join(", ")}), CUToken, ProviderStaking, RewardsDistributor, ` +
        `CollateralManager(collateral ${c.tokens!.collateral}), Redemption, MintingAgent`,
    );
    lines.push(`  [markets] SpotMarket, FuturesMarket, OptionsMarket(quote ${c.tokens!.quote}), PegController`);
  }
  lines.push(
    `  [bridge (${c.bridge.mode})] ${home ? "" : "SSTBToken (minted and burned by the bridge alone), "}` +
      `MessageVerifier(relayers: ${c.bridge.relayers.join(", ")}), CrossChainBridge(` +
      `${home ? "lock/release" : "burn/mint"}; peers: ${c.bridge.peers.map((p) => `${p.chainId} (${p.bridge})`).join(", ") || "none"})`,
  );
  lines.push("");
  lines.push("Roles after the handover (checked on chain afterwards; the deployer holds none)");
  lines.push(`  ${"ADMIN".padEnd(18)} TimelockController`);
  for (const grant of expectedRoles(plan.modules)) {
    lines.push(`  ${grant.label.padEnd(18)} ${grant.holders.join(", ") || "nobody"}`);
  }
  lines.push(`  ${"Timelock roles".padEnd(18)} PROPOSER, CANCELLER, EXECUTOR: STAB3LGovernor; DEFAULT_ADMIN: itself`);
  lines.push(`  ${"proposalGuardian".padEnd(18)} guardian Safe (may cancel a proposal; never unpause)`);
  return lines;
}
