import type { Client } from "../client.js";
import { sdkContext } from "../context.js";
import { decodeCall, type DecodedCall } from "../decode/call.js";
import { connectedIdentity } from "../identity.js";
import { titleOf } from "../decode/proposal.js";
import { proposalIds, proposeCall, type ProposalIds } from "../lifecycle.js";
import { checkProposer, type Proposal } from "../proposal.js";
import { openSafe } from "./infrastructure.js";
import { toTransactionBuilder, type TransactionBuilderBatch } from "./transaction-builder.js";
import { buildSafeTransaction, type SafeTxFile } from "./transactions.js";

/** A core Safe transaction that proposes a proposal, with every id that names it. */
export interface ProposalSafeDraft {
  /** The unsigned Safe transaction file owners sign (see signSafeTx / combineSafeTxFiles / executeSafeTx). */
  file: SafeTxFile;
  /** Safe tx hash, proposal id (predicted until proposed), proposal hash and Timelock operation id, side by side. */
  ids: ProposalIds;
  /** The same call as a Safe{Wallet} Transaction Builder batch, for owners who sign in the Safe app. */
  transactionBuilder: TransactionBuilderBatch;
}

/**
 * Draft the core Safe's `propose` transaction for `proposal` (one round of I/O: the Safe's nonce and the
 * Governor's latest proposal id). Nothing is signed or sent. Throws InputError when the description is bound
 * (`#proposer=`) to another address than the core Safe: the Governor would refuse it.
 */
export async function draftProposalSafeTx(
  client: Client,
  proposal: Proposal,
  options: { nonce?: number; createdAt?: number } = {},
): Promise<ProposalSafeDraft> {
  const d = client.deployment;
  checkProposer(proposal, d.safes.core);
  const kit = await openSafe(client.chain, d.safes.core, d.safeContracts);
  const call = proposeCall(d.contracts.STAB3LGovernor, proposal);
  const title = titleOf(proposal.description);
  const file = await buildSafeTransaction(kit, [call], {
    nonce: options.nonce,
    description: `propose: ${title}`,
    deployment: await connectedIdentity(client.chain, d),
  });
  const ids = await proposalIds(client, proposal, file.safeTxHash);
  const transactionBuilder = toTransactionBuilder(sdkContext(d), d.safes.core, [call], {
    name: `STAB3L: propose "${title}"`,
    description: `Proposal id ${ids.proposalId} (if proposed next), Timelock operation ${ids.timelockOperationId}`,
    createdAt: options.createdAt,
  });
  return { file, ids, transactionBuilder };
}

/** Decode what a Safe transaction file does (MultiSend batches and the proposal inside `propose` included). */
export function decodeSafeTxFile(client: Pick<Client, "deployment">, file: SafeTxFile): DecodedCall {
  return decodeCall(
    { target: file.tx.to, value: BigInt(file.tx.value), data: file.tx.data, operation: file.tx.operation },
    sdkContext(client.deployment),
  );
}
