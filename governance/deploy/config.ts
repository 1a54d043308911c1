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
}

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
