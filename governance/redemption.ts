import type { ContractRunner } from "ethers";
import { firstRoundAtOrAfter } from "../oracles/rounds.js";

/** What `compensationRounds` needs of Redemption. */
export interface DeadlineSource {
  deliveryDeadline(requestId: bigint | number): Promise<bigint>;
}

/** The arguments `Redemption.claimCompensation(requestId, cuRoundId, collateralRoundId)` needs. */
export interface CompensationRounds {
  /** The deadline the request is held to: compensation is priced at it. */
  deadline: bigint;
  cuRoundId: bigint;
  collateralRoundId: bigint;
  /** The two rounds' raw feed answers (feed decimals). */
  cuAnswer: bigint;
  collateralAnswer: bigint;
}

/**
 * The feed rounds that price a missed delivery: the first CU/USD and COLLATERAL/USD answers at or after the
 * request's deadline (`Redemption.deliveryDeadline`), which is where the contract prices the compensation, so
 * the amount does not depend on when or by whom it is claimed. `feeds` are the two assets' primary feeds
 * (`deployedFeeds(deployment, runner).assets`). Throws (Stab3lError) while a feed has no answer at or after the
 * deadline yet: the claim has to wait for it.
 */
export async function compensationRounds(
  redemption: DeadlineSource,
  requestId: bigint | number,
  feeds: { cuUsd: string; collateralUsd: string },
  runner: ContractRunner,
): Promise<CompensationRounds> {
  const deadline = await redemption.deliveryDeadline(requestId);
  const [cu, collateral] = await Promise.all([
    firstRoundAtOrAfter(feeds.cuUsd, deadline, runner),
    firstRoundAtOrAfter(feeds.collateralUsd, deadline, runner),
  ]);
  return {
    deadline,
    cuRoundId: cu.roundId,
    collateralRoundId: collateral.roundId,
    cuAnswer: cu.answer,
    collateralAnswer: collateral.answer,
  };
}
