import { DAY, WAD } from "../catalog/types.js";

/** Initial Governor settings; each must lie within the hard bounds of STAB3LGovernor. */
export interface GovernorSettings {
  votingDelay: number; // seconds
  votingPeriod: number; // seconds
  proposalThreshold: bigint; // rSTB wei
  quorumNumerator: number; // percent
  lateQuorumVoteExtension: number; // seconds
}

/** Everything a deployment needs besides signers. */
export interface DeployConfig {
  governor: GovernorSettings;
  timelockMinDelay: number; // seconds
  /** Genesis rSTB (wei) per role; delegates each receive `perDelegate`. */
  genesis: { treasury: bigint; coreSafe: bigint; perDelegate: bigint };
  safeThreshold: { core: number; guardian: number };
  /**
   * Contracts that exist outside STAB3L on a real network (Chainlink feeds, the collateral token). Absent on
   * local networks: the minting and staking module deploys mocks instead (see oracles/feeds.ts).
   */
  external?: ExternalAddresses;
  /** Genesis values of the minting and staking domain; defaults in PROTOCOL_DEFAULTS. */
  protocol?: ProtocolConfig;
}

/** Existing contracts a real-network deployment points at. */
export interface ExternalAddresses {
  feeds: {
    cuUsd: string;
    collateralUsd: string;
    cuUsdFallback?: string;
    collateralUsdFallback?: string;
    /** Chainlink L2 sequencer uptime feed; omit on L1. */
    sequencerUptime?: string;
  };
  /** ERC-20 posted as provider collateral, priced by the COLLATERAL/USD feed. */
  collateralToken: string;
  /** The markets' quote token (a USD stablecoin such as USDC); required by the markets module on real networks. */
  quoteToken?: string;
}

/** Genesis values of the minting and staking domain that are not ParameterStore parameters. */
export interface ProtocolConfig {
  /** The first CU definition: FLOPs per CU and the nominal USD price per CU with 8 decimals. */
  cuDefinition: { flopsPerUnit: bigint; usdPerUnit8: bigint };
  /**
   * Genesis attesters (addresses). Required on real networks; locally, when absent, the development
   * mnemonic's accounts 20-22 (see LOCAL_ATTESTER_INDEXES in governance/deploy/protocol.ts).
   */
  attesters?: string[];
  /** Local mock feed answers (8 decimals), used only when `external` is absent. */
  localFeedAnswers: { cuUsd: bigint; collateralUsd: bigint };
}

/** 1 CU = 10^15 FLOPs at a nominal $0.06; locally CU/USD starts at $0.06 and the collateral (mUSDC) at $1. */
export const PROTOCOL_DEFAULTS: ProtocolConfig = {
  cuDefinition: { flopsPerUnit: 10n ** 15n, usdPerUnit8: 6_000_000n },
  localFeedAnswers: { cuUsd: 6_000_000n, collateralUsd: 100_000_000n },
};

/**
 * Defaults for every network. One governance cycle (1 d delay + 3 d vote + up to 1 d late-quorum extension +
 * 2 d timelock = 7 d) fits inside the guardian pause (10 d), so governance can confirm a pause in time.
 */
export const DEFAULT_CONFIG: DeployConfig = {
  governor: {
    votingDelay: DAY,
    votingPeriod: 3 * DAY,
    proposalThreshold: 100_000n * WAD,
    quorumNumerator: 4,
    lateQuorumVoteExtension: DAY,
  },
  timelockMinDelay: 2 * DAY,
  genesis: { treasury: 4_000_000n * WAD, coreSafe: 1_000_000n * WAD, perDelegate: 1_000_000n * WAD },
  safeThreshold: { core: 2, guardian: 2 },
};
