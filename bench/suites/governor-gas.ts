import hre from "hardhat";
import { mine, time } from "@nomicfoundation/hardhat-network-helpers";
import type { BaseContract, ContractTransactionResponse, Signer } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { deployedSystem } from "../../test/helpers/fixtures.js";
import type { BenchRow, BenchSuite } from "../lib.js";

/** The Governor functions we measure, on any OZ Governor with a timelock (ours or the stock baseline). */
interface GovernorUnderTest {
  governor: BaseContract & Record<string, (...args: never[]) => Promise<ContractTransactionResponse>>;
  governorAddress: string;
  name: string;
  token: BaseContract & Record<string, (...args: never[]) => Promise<ContractTransactionResponse>>;
  /** Holders with delegated votes; [0] proposes, all vote. */
  voters: HardhatEthersSigner[];
  /** A holder that never delegated, to measure a first self-delegation. */
  freshHolder: HardhatEthersSigner;
  /** Advance past the voting delay / the deadline, in the governor's clock. */
  advance(seconds: number): Promise<void>;
  votingDelay: number;
  votingPeriod: number;
  timelockDelay: number;
}

async function gas(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  return Number(receipt!.gasUsed);
}

/** Actions: n calls to the neutral BenchTarget, identical for both governors. */
async function actions(target: string, n: number, salt: number) {
  const iface = (await hre.ethers.getContractFactory("BenchTarget")).interface;
  const targets = Array(n).fill(target);
  const values = Array(n).fill(0n);
  const calldatas = Array.from({ length: n }, (_, i) => iface.encodeFunctionData("store", [i, salt + i]));
  return { targets, values, calldatas, description: `bench ${n} actions #${salt}` };
}

async function signBallot(
  signer: Signer,
  governor: string,
  name: string,
  proposalId: bigint,
  support: number,
  nonce: bigint,
) {
  const { chainId } = await hre.ethers.provider.getNetwork();
  return signer.signTypedData(
    { name, version: "1", chainId, verifyingContract: governor },
    {
      Ballot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "voter", type: "address" },
        { name: "nonce", type: "uint256" },
      ],
    },
    { proposalId, support, voter: await signer.getAddress(), nonce },
  );
}

/** Measure delegate, propose, the vote kinds, queue and execute for a 1-action and a 10-action proposal. */
async function measure(g: GovernorUnderTest, target: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const gov = g.governor as unknown as {
    propose: (...a: unknown[]) => Promise<ContractTransactionResponse>;
    castVote: (...a: unknown[]) => Promise<ContractTransactionResponse>;
    castVoteWithReason: (...a: unknown[]) => Promise<ContractTransactionResponse>;
    castVoteBySig: (...a: unknown[]) => Promise<ContractTransactionResponse>;
    queue: (...a: unknown[]) => Promise<ContractTransactionResponse>;
    execute: (...a: unknown[]) => Promise<ContractTransactionResponse>;
    nonces: (a: string) => Promise<bigint>;
    connect: (s: Signer) => typeof gov;
    getProposalId: (...a: unknown[]) => Promise<bigint>;
  };
  const token = g.token as unknown as {
    connect: (s: Signer) => { delegate: (a: string) => Promise<ContractTransactionResponse> };
  };
  out.set("delegate", await gas(token.connect(g.freshHolder).delegate(g.freshHolder.address)));

  for (const n of [1, 10]) {
    const a = await actions(target, n, n * 1000);
    const proposer = gov.connect(g.voters[0]);
    out.set(`propose.${n}action`, await gas(proposer.propose(a.targets, a.values, a.calldatas, a.description)));
    // What the SDK sends: the description bound to its proposer (OZ's `#proposer=` check parses the address).
    const bound = await actions(target, n, n * 1000 + 500);
    const boundDescription = `${bound.description}\n\n#proposer=${g.voters[0].address}`;
    out.set(
      `propose.proposerBound.${n}action`,
      await gas(proposer.propose(bound.targets, bound.values, bound.calldatas, boundDescription)),
    );
    const descHash = hre.ethers.id(a.description);
    const id = await gov.getProposalId(a.targets, a.values, a.calldatas, descHash);
    await g.advance(g.votingDelay + 1);
    out.set(`castVote.first.${n}action`, await gas(gov.connect(g.voters[0]).castVote(id, 1)));
    out.set(`castVote.${n}action`, await gas(gov.connect(g.voters[1]).castVote(id, 1)));
    out.set(
      `castVoteWithReason.${n}action`,
      await gas(gov.connect(g.voters[2]).castVoteWithReason(id, 1, "aligned with the CU roadmap")),
    );
    const voter = g.voters[3];
    const signature = await signBallot(voter, g.governorAddress, g.name, id, 1, await gov.nonces(voter.address));
    out.set(
      `castVoteBySig.${n}action`,
      await gas(gov.connect(g.voters[4]).castVoteBySig(id, 1, voter.address, signature)),
    );
    await g.advance(g.votingPeriod + 1);
    out.set(`queue.${n}action`, await gas(gov.connect(g.voters[4]).queue(a.targets, a.values, a.calldatas, descHash)));
    await time.increase(g.timelockDelay + 1);
    out.set(
      `execute.${n}action`,
      await gas(gov.connect(g.voters[4]).execute(a.targets, a.values, a.calldatas, descHash)),
    );
  }
  return out;
}

export const governorGas: BenchSuite = {
  name: "governor gas (STAB3LGovernor vs stock OpenZeppelin Governor)",
  async run(): Promise<BenchRow[]> {
    const sys = await deployedSystem();
    // Each governor gets its own fresh target so both execute the same zero → non-zero writes.
    const newTarget = async () => (await hre.ethers.deployContract("BenchTarget")).getAddress();
    const fresh = sys.spare[1];
    await (await sys.core.token.connect(sys.delegates[4]).transfer(fresh.address, 10n ** 21n)).wait();
    const ours = await measure(
      {
        governor: sys.core.governor as never,
        governorAddress: sys.deployment.contracts.STAB3LGovernor,
        name: "STAB3L Governor",
        token: sys.core.token as never,
        voters: sys.delegates,
        freshHolder: fresh,
        advance: async (s) => {
          await time.increase(s);
        },
        votingDelay: Number(await sys.core.governor.votingDelay()),
        votingPeriod: Number(await sys.core.governor.votingPeriod()),
        timelockDelay: Number(await sys.core.timelock.getMinDelay()),
      },
      await newTarget(),
    );

    // The stock baseline, in the same chain and run: same voters and balances, block-number clock.
    const voters = sys.delegates;
    const baseFresh = sys.spare[2];
    const baseToken = await hre.ethers.deployContract("BaselineVotesToken", [
      [...voters.map((v) => v.address), baseFresh.address],
      10n ** 24n,
    ]);
    const deployer = sys.spare[3];
    const nonce = await deployer.getNonce();
    const predictedGovernor = hre.ethers.getCreateAddress({ from: deployer.address, nonce: nonce + 1 });
    const timelock = await hre.ethers.deployContract(
      "TimelockController",
      [2 * 86_400, [predictedGovernor], [predictedGovernor], hre.ethers.ZeroAddress],
      deployer,
    );
    const baseline = await hre.ethers.deployContract(
      "BaselineGovernor",
      [await baseToken.getAddress(), await timelock.getAddress(), 1, 50],
      deployer,
    );
    for (const v of voters) await (await baseToken.connect(v).delegate(v.address)).wait();
    const theirs = await measure(
      {
        governor: baseline as never,
        governorAddress: await baseline.getAddress(),
        name: "Baseline",
        token: baseToken as never,
        voters,
        freshHolder: baseFresh,
        advance: (blocks) => mine(Math.min(blocks, 60)),
        votingDelay: 1,
        votingPeriod: 50,
        timelockDelay: 2 * 86_400,
      },
      await newTarget(),
    );

    const rows: BenchRow[] = [];
    for (const [k, v] of ours) {
      // User-facing transactions must stay under 200k gas; queue and execute grow with the number of actions
      // (the stock Governor's 10-action queue is above 200k too), so they are judged against the baseline.
      const target =
        k.startsWith("castVote.") && !k.includes("first")
          ? "within 10% of baseline"
          : k.startsWith("queue") || k.startsWith("execute")
            ? "≈ baseline (grows with actions)"
            : "< 200000";
      rows.push({ name: `governor.${k}`, unit: "gas", value: v, baseline: theirs.get(k), target });
    }
    return rows;
  },
};
