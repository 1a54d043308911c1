import { readFileSync } from "node:fs";
import { getAddress, parseUnits, ZeroAddress } from "ethers";
import { z } from "zod";
import { PARAMETERS } from "../catalog/index.js";
import type { SafeContracts } from "../deployment.js";
import { InputError } from "../errors.js";
import { DEFAULT_CONFIG, PROTOCOL_DEFAULTS, type DeployConfig } from "./config.js";

/**
 * `deployments/config/<network>.json`: everything a real-network deployment takes from people, reviewed before it
 * is used. Validated here (shape, placeholders, internal consistency); `reviewNetworkConfig` then checks it against
 * the chain (code where code is required, no mocks, no development keys) and prints the plan.
 */

/** Default file of a network's deployment config. */
export function networkConfigPath(network: string): string {
  return `deployments/config/${network}.json`;
}

/** Values in example configs that a person must replace; the validator refuses them. */
const PLACEHOLDER = /REPLACE|TODO|^<.*>$/i;

function addressSchema(allowZero: boolean) {
  return z.string().transform((s, ctx) => {
    if (PLACEHOLDER.test(s)) {
      ctx.addIssue({ code: "custom", message: `"${s}" is a placeholder: replace it with a reviewed address` });
      return z.NEVER;
    }
    if (!/^0x[0-9a-fA-F]{40}$/.test(s)) {
      ctx.addIssue({ code: "custom", message: `expected a 0x-prefixed 20-byte hex address, got "${s}"` });
      return z.NEVER;
    }
    let checksummed: string;
    try {
      checksummed = getAddress(s);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: `"${s}" has a wrong EIP-55 checksum (write it all lower case or fix it)`,
      });
      return z.NEVER;
    }
    if (!allowZero && checksummed === ZeroAddress) {
      ctx.addIssue({ code: "custom", message: "expected an address, got the zero address" });
      return z.NEVER;
    }
    return checksummed;
  });
}
const address = addressSchema(false);
const addressOrZero = addressSchema(true);

const chainIdSchema = z.number({ error: "expected a chain id (a positive integer)" }).int().positive();

/** A decimal amount of whole tokens, e.g. "4000000" or "0.5", as a string (JSON numbers lose precision). */
function tokenAmount(decimals: number) {
  return z.string().transform((s, ctx) => {
    if (!/^\d+(\.\d+)?$/.test(s)) {
      ctx.addIssue({ code: "custom", message: `expected a decimal amount as a string, e.g. "1000000", got "${s}"` });
      return z.NEVER;
    }
    try {
      return parseUnits(s, decimals);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${s}" has more than ${decimals} decimals` });
      return z.NEVER;
    }
  });
}
const integerString = z.string().regex(/^\d+$/, "expected a non-negative integer as a string").transform(BigInt);
const seconds = z.number().int().nonnegative();

/** A Safe: either a new one (owners and threshold) or an existing Safe by address. */
const safeSpec = z
  .strictObject({
    owners: z.array(address).optional(),
    threshold: z.number().int().optional(),
    existing: address.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.existing !== undefined) {
      if (s.owners !== undefined || s.threshold !== undefined) {
        ctx.addIssue({ code: "custom", message: "give either existing or owners + threshold, not both" });
      }
      return;
    }
    if (!s.owners || s.threshold === undefined) {
      ctx.addIssue({ code: "custom", message: "expected owners and threshold (a new Safe) or existing (an address)" });
      return;
    }
    if (s.threshold < 2) {
      ctx.addIssue({
        code: "custom",
        path: ["threshold"],
        message: `expected at least 2 (a 1-of-N Safe is one key), got ${s.threshold}`,
      });
    }
    if (s.threshold > s.owners.length) {
      ctx.addIssue({
        code: "custom",
        path: ["threshold"],
        message: `${s.threshold} exceeds the ${s.owners.length} owners`,
      });
    }
    duplicates(s.owners, ["owners"], ctx);
  });

function duplicates(list: readonly (string | number)[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    const k = String(x).toLowerCase();
    if (seen.has(k)) ctx.addIssue({ code: "custom", path: [...path, i], message: `${x} is listed twice` });
    seen.add(k);
  });
}

/** Chain ids of L2s where Chainlink publishes an L2 sequencer uptime feed: the config must name it there. */
export const SEQUENCER_L2S: Readonly<Record<number, string>> = {
  42161: "Arbitrum One",
  10: "OP Mainnet",
  8453: "Base",
  1088: "Metis Andromeda",
  534352: "Scroll",
  324: "zkSync Era",
};

function catalogDefault(key: string): bigint {
  const p = PARAMETERS.find((x) => x.key === key);
  if (!p) throw new Error(`catalog has no parameter ${key}`);
  return p.defaultValue;
}

export const networkConfigSchema = z
  .strictObject({
    /** Name of the network; the deployment is written to deployments/<network>.json. */
    network: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case name such as arbitrum"),
    chainId: chainIdSchema,
    /** Free text for reviewers (who reviewed, when, sources of the addresses). */
    note: z.string().optional(),
    /** The chain's Safe deployment (singleton, factory, libraries) the new Safes are created from. */
    safe: z.strictObject({
      version: z.enum(["1.4.1", "1.5.0"], { error: 'expected "1.4.1" (canonical on public chains) or "1.5.0"' }),
      contracts: z.strictObject({
        safeSingletonAddress: address,
        safeProxyFactoryAddress: address,
        multiSendAddress: address,
        multiSendCallOnlyAddress: address,
        fallbackHandlerAddress: address,
        signMessageLibAddress: address,
        createCallAddress: address,
        simulateTxAccessorAddress: address,
        safeWebAuthnSignerFactoryAddress: addressOrZero.default(ZeroAddress),
        safeWebAuthnSharedSignerAddress: addressOrZero.default(ZeroAddress),
      }),
    }),
    safes: z.strictObject({ core: safeSpec, guardian: safeSpec }),
    /** Genesis delegates: each receives genesis.perDelegateRstb. */
    delegates: z.array(address),
    bridge: z.strictObject({
      /** "home": lock/release where sSTB is minted; "remote": burn/mint, nothing else of the protocol. */
      mode: z.enum(["home", "remote"], { error: 'expected "home" or "remote"' }),
      /** Peer chains whose bridge exists, and that bridge (governance adds later ones with setPeerChain). */
      peers: z.array(z.strictObject({ chainId: chainIdSchema, bridge: address })),
      relayers: z.array(address).min(1, "expected at least one relayer"),
    }),
    /** Chainlink feeds (home chain). `sequencerUptime`: the L2 sequencer uptime feed, null on an L1. */
    prices: z
      .strictObject({
        cuUsd: address,
        cuUsdFallback: address.optional(),
        collateralUsd: address,
        collateralUsdFallback: address.optional(),
        sequencerUptime: address.nullable(),
      })
      .optional(),
    /** ERC-20s (home chain): the providers' collateral (priced by prices.collateralUsd) and the markets' quote. */
    tokens: z.strictObject({ collateral: address, quote: address }).optional(),
    /** Genesis attesters of CU reports (home chain). */
    attesters: z.array(address).optional(),
    cuDefinition: z.strictObject({ flopsPerUnit: integerString, usdPerUnit8: integerString }).optional(),
    governance: z
      .strictObject({
        votingDelaySeconds: seconds.optional(),
        votingPeriodSeconds: seconds.optional(),
        proposalThresholdRstb: tokenAmount(18).optional(),
        quorumPercent: z.number().int().min(1).max(100).optional(),
        lateQuorumVoteExtensionSeconds: seconds.optional(),
        timelockMinDelaySeconds: seconds.optional(),
      })
      .optional(),
    genesis: z
      .strictObject({
        treasuryRstb: tokenAmount(18),
        coreSafeRstb: tokenAmount(18),
        perDelegateRstb: tokenAmount(18),
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    const home = c.bridge.mode === "home";
    for (const field of ["prices", "tokens", "attesters"] as const) {
      if (home && c[field] === undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: 'required on a home chain (bridge.mode "home")' });
      }
    }
    for (const field of ["prices", "tokens", "attesters", "cuDefinition"] as const) {
      if (!home && c[field] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: "a remote chain deploys only sSTB and the bridge: remove it",
        });
      }
    }
    const l2 = SEQUENCER_L2S[c.chainId];
    if (l2 && c.prices && c.prices.sequencerUptime === null) {
      ctx.addIssue({
        code: "custom",
        path: ["prices", "sequencerUptime"],
        message: `${l2} is an L2: expected Chainlink's L2 sequencer uptime feed, got null`,
      });
    }
    duplicates(c.delegates, ["delegates"], ctx);
    duplicates(c.bridge.relayers, ["bridge", "relayers"], ctx);
    duplicates(
      c.bridge.peers.map((p) => p.chainId),
      ["bridge", "peers"],
      ctx,
    );
    c.bridge.peers.forEach((p, i) => {
      if (p.chainId === c.chainId) {
        ctx.addIssue({ code: "custom", path: ["bridge", "peers", i], message: `${p.chainId} is this chain itself` });
      }
    });
    const relayerThreshold = catalogDefault("bridge.relayerThreshold");
    if (BigInt(c.bridge.relayers.length) < relayerThreshold) {
      ctx.addIssue({
        code: "custom",
        path: ["bridge", "relayers"],
        message: `expected at least ${relayerThreshold} (bridge.relayerThreshold at genesis), got ${c.bridge.relayers.length}`,
      });
    }
    if (c.attesters) {
      duplicates(c.attesters, ["attesters"], ctx);
      const attesterThreshold = catalogDefault("cu.attesterThreshold");
      if (BigInt(c.attesters.length) < attesterThreshold) {
        ctx.addIssue({
          code: "custom",
          path: ["attesters"],
          message: `expected at least ${attesterThreshold} (cu.attesterThreshold at genesis), got ${c.attesters.length}`,
        });
      }
    }
  });

export type NetworkConfig = z.infer<typeof networkConfigSchema>;
export type SafeSpec = NetworkConfig["safes"]["core"];

/** One line per problem: `<source>: <field path>: <what was expected>`. */
export function formatIssues(source: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${source}: ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
}

/** Validate a config object; throws InputError listing every problem, one line each. */
export function parseNetworkConfig(raw: unknown, source = "config"): NetworkConfig {
  const parsed = networkConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = formatIssues(source, parsed.error.issues);
    throw new InputError(lines.join("\n"), { details: { problems: lines } });
  }
  return parsed.data;
}

/** Read and validate `file`. A missing file says how to write one. */
export function loadNetworkConfig(file: string): NetworkConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") {
      throw new InputError(
        `no deployment config at ${file}: a real network is deployed only from a reviewed config ` +
          `(start from deployments/config/arbitrum.example.json)`,
        { cause },
      );
    }
    throw new InputError(`cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new InputError(`${file}: not valid JSON (${(cause as Error).message})`, { cause });
  }
  return parseNetworkConfig(raw, file);
}

/** The Safe infrastructure of a config, in protocol-kit's `contractNetworks` shape. */
export function safeContractsOf(c: NetworkConfig): SafeContracts {
  return c.safe.contracts;
}

/** The DeployConfig (governance settings, genesis, external addresses, attesters) a network config describes. */
export function deployConfigOf(c: NetworkConfig): DeployConfig {
  const g = c.governance ?? {};
  const d = DEFAULT_CONFIG;
  const out: DeployConfig = {
    governor: {
      votingDelay: g.votingDelaySeconds ?? d.governor.votingDelay,
      votingPeriod: g.votingPeriodSeconds ?? d.governor.votingPeriod,
      proposalThreshold: g.proposalThresholdRstb ?? d.governor.proposalThreshold,
      quorumNumerator: g.quorumPercent ?? d.governor.quorumNumerator,
      lateQuorumVoteExtension: g.lateQuorumVoteExtensionSeconds ?? d.governor.lateQuorumVoteExtension,
    },
    timelockMinDelay: g.timelockMinDelaySeconds ?? d.timelockMinDelay,
    genesis: c.genesis
      ? { treasury: c.genesis.treasuryRstb, coreSafe: c.genesis.coreSafeRstb, perDelegate: c.genesis.perDelegateRstb }
      : d.genesis,
    safeThreshold: {
      core: c.safes.core.threshold ?? d.safeThreshold.core,
      guardian: c.safes.guardian.threshold ?? d.safeThreshold.guardian,
    },
  };
  if (c.prices && c.tokens) {
    const p = c.prices;
    out.external = {
      feeds: {
        cuUsd: p.cuUsd,
        collateralUsd: p.collateralUsd,
        ...(p.cuUsdFallback ? { cuUsdFallback: p.cuUsdFallback } : {}),
        ...(p.collateralUsdFallback ? { collateralUsdFallback: p.collateralUsdFallback } : {}),
        ...(p.sequencerUptime ? { sequencerUptime: p.sequencerUptime } : {}),
      },
      collateralToken: c.tokens.collateral,
      quoteToken: c.tokens.quote,
    };
    out.protocol = {
      cuDefinition: c.cuDefinition ?? PROTOCOL_DEFAULTS.cuDefinition,
      localFeedAnswers: PROTOCOL_DEFAULTS.localFeedAnswers,
      attesters: c.attesters,
    };
  }
  return out;
}

/** Every address of the config with its field path, for the development-key and deployer checks. */
export function addressesOf(c: NetworkConfig): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(c.safe.contracts)) if (v !== ZeroAddress) out.push([`safe.contracts.${k}`, v]);
  for (const which of ["core", "guardian"] as const) {
    const s = c.safes[which];
    if (s.existing) out.push([`safes.${which}.existing`, s.existing]);
    s.owners?.forEach((o, i) => out.push([`safes.${which}.owners.${i}`, o]));
  }
  c.delegates.forEach((a, i) => out.push([`delegates.${i}`, a]));
  c.bridge.relayers.forEach((a, i) => out.push([`bridge.relayers.${i}`, a]));
  if (c.prices) for (const [k, v] of Object.entries(c.prices)) if (v) out.push([`prices.${k}`, v]);
  if (c.tokens) for (const [k, v] of Object.entries(c.tokens)) out.push([`tokens.${k}`, v]);
  c.attesters?.forEach((a, i) => out.push([`attesters.${i}`, a]));
  return out;
}
