/**
 * A governance history for indexer tests, driven through the SDK the way users meet it (Safes, Governor,
 * Timelock), on any chain the given System runs on:
 *  1. proposal 1 passes and executes: setParameter(guardian.repauseCooldown, 2 d) and
 *     scheduleParameter(guardian.maxPauseDuration, 7 d, in 30 d); votes for (with a reason), for, against, abstain;
 *  2. proposal 2 is cancelled by the guardian Safe (the Governor's proposal guardian) while pending;
 *  3. the guardian Safe pauses RSTBToken.mint;
 *  4. proposal 3 is active with one vote; a holder re-delegates to another delegate.
 */
import type { Signer } from "ethers";
import { DAY, parameterKey } from "../../governance/catalog/index.js";
import { castVote } from "../../governance/lifecycle.js";
import { descriptionHash, proposalArrays, type Proposal } from "../../governance/proposal.js";
import { executeWithOwners } from "../../governance/safe/transactions.js";
import type { System } from "../helpers/fixtures.js";
import type { Lifecycle } from "../helpers/lifecycle.js";

export interface ScenarioResult {
  p1: Proposal;
  p2: Proposal;
  p3: Proposal;
  ids: { p1: bigint; p2: bigint; p3: bigint };
  mintSelector: string;
  scheduledAt: bigint;
}

export async function runScenario(sys: System, lifecycle: Lifecycle): Promise<ScenarioResult> {
  const { deployment, core } = sys;
  const params = core.parameters.interface;
  const latest = async () => BigInt((await sys.chain.provider.getBlock("latest"))!.timestamp);
  const scheduledAt = (await latest()) + BigInt(30 * DAY);
  const p1: Proposal = {
    actions: [
      {
        target: deployment.contracts.ParameterStore,
        value: 0n,
        data: params.encodeFunctionData("setParameter", [parameterKey("guardian.repauseCooldown"), BigInt(2 * DAY)]),
      },
      {
        target: deployment.contracts.ParameterStore,
        value: 0n,
        data: params.encodeFunctionData("scheduleParameter", [
          parameterKey("guardian.maxPauseDuration"),
          BigInt(7 * DAY),
          scheduledAt,
        ]),
      },
    ],
    description: "# Tune the guardian pause\n\nShorter re-pause cooldown now; shorter pauses in a month.",
  };
  const id1 = await lifecycle.proposeViaCoreSafe(p1);
  await lifecycle.toVoteStart(id1);
  const [d0, d1, d2, d3] = sys.delegates as Signer[];
  await castVote(core.governor, d0, id1, "for", "cooldowns are too long");
  await castVote(core.governor, d1, id1, "for");
  await castVote(core.governor, d2, id1, "against", "keep it");
  await castVote(core.governor, d3, id1, "abstain");
  await lifecycle.toVoteEnd(id1);
  const eta = await lifecycle.queue(p1);
  await lifecycle.toEta(eta);
  await lifecycle.execute(p1);

  const p2: Proposal = {
    actions: [
      {
        target: deployment.contracts.ParameterStore,
        value: 0n,
        data: params.encodeFunctionData("setParameter", [parameterKey("guardian.repauseCooldown"), BigInt(DAY)]),
      },
    ],
    description: "# A proposal the guardians cancel",
  };
  const id2 = await lifecycle.proposeViaCoreSafe(p2);
  const cancel = core.governor.interface.encodeFunctionData("cancel", [
    ...proposalArrays(p2),
    descriptionHash(p2.description),
  ]);
  const cancelled = await executeWithOwners(
    sys.chain,
    deployment.safes.guardian,
    [{ to: deployment.contracts.STAB3LGovernor, value: 0n, data: cancel }],
    sys.guardianOwnerKeys.slice(0, 2),
    deployment.safeContracts,
  );
  if (!cancelled.success) throw new Error("guardian Safe failed to cancel");

  const mintSelector = core.token.interface.getFunction("mint").selector;
  const pause = core.authority.interface.encodeFunctionData("guardianPause", [
    deployment.contracts.RSTBToken,
    [mintSelector],
    "minting looks wrong",
  ]);
  const paused = await executeWithOwners(
    sys.chain,
    deployment.safes.guardian,
    [{ to: deployment.contracts.STAB3LAuthority, value: 0n, data: pause }],
    sys.guardianOwnerKeys.slice(0, 2),
    deployment.safeContracts,
  );
  if (!paused.success) throw new Error("guardian Safe failed to pause");

  const p3: Proposal = {
    actions: [
      {
        target: deployment.contracts.ParameterStore,
        value: 0n,
        data: params.encodeFunctionData("setParameter", [parameterKey("guardian.repauseCooldown"), BigInt(DAY)]),
      },
    ],
    description: "# Still voting",
  };
  const id3 = await lifecycle.proposeViaCoreSafe(p3);
  await lifecycle.toVoteStart(id3);
  await castVote(core.governor, d0, id3, "for");
  // Delegate 4 hands its votes to delegate 1 (after proposal 3's snapshot: its weight there is unchanged).
  await (await core.token.connect(sys.delegates[4]).delegate(await d1.getAddress())).wait();

  return { p1, p2, p3, ids: { p1: id1, p2: id2, p3: id3 }, mintSelector, scheduledAt };
}
