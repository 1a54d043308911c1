/**
 * Bridge messages as relayers sign them: pure encoding, no network. Mirrors contracts/bridge/IMessageVerifier.sol.
 */
import { getAddress, TypedDataEncoder, type TypedDataDomain, type TypedDataField } from "ethers";

/** One transfer between chains (sSTB wei), naming its whole route: source chain and bridge, destination chain and bridge. */
export interface BridgeMessage {
  srcChainId: bigint;
  srcBridge: string;
  dstChainId: bigint;
  dstBridge: string;
  nonce: bigint;
  sender: string;
  recipient: string;
  amount: bigint;
}

/**
 * EIP-712 types of a signed BridgeMessage, in the contract's field order. Signatures name the source and the
 * destination bridge, so they are good for that one route only: another bridge on the source chain cannot have its
 * messages taken for the peer's, and a bridge redeployed behind the same verifier (which starts with no processed
 * messages) is not their destination.
 */
export const BRIDGE_MESSAGE_TYPES: Record<string, TypedDataField[]> = {
  BridgeMessage: [
    { name: "srcChainId", type: "uint256" },
    { name: "srcBridge", type: "address" },
    { name: "dstChainId", type: "uint256" },
    { name: "dstBridge", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "sender", type: "address" },
    { name: "recipient", type: "address" },
    { name: "amount", type: "uint256" },
  ],
};

/** The destination verifier's EIP-712 domain ("STAB3L Bridge", "1", destination chain, verifier address). */
export interface VerifierDomain {
  name: string;
  version: string;
  chainId: bigint;
  verifyingContract: string;
}

/** Something that signs EIP-712 data (an ethers Wallet or Signer). */
export interface TypedDataSigner {
  getAddress(): Promise<string>;
  signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string>;
}

/** A relayer's signature with its signer. */
export interface RelayerSignature {
  signer: string;
  signature: string;
}

/** The domain as ERC-5267 `eip712Domain()` reports it. */
export function domainFromEip712(fields: {
  name: string;
  version: string;
  chainId: bigint;
  verifyingContract: string;
}): VerifierDomain {
  return {
    name: fields.name,
    version: fields.version,
    chainId: fields.chainId,
    verifyingContract: getAddress(fields.verifyingContract),
  };
}

/** The digest the verifier checks for `message` (MessageVerifier.hashMessage). */
export function messageDigest(domain: VerifierDomain, message: BridgeMessage): string {
  return TypedDataEncoder.hash(domain, BRIDGE_MESSAGE_TYPES, messageTuple(message));
}

/** Sign `message` for the verifier of `domain`. */
export async function signMessage(
  signer: TypedDataSigner,
  domain: VerifierDomain,
  message: BridgeMessage,
): Promise<RelayerSignature> {
  const signature = await signer.signTypedData(domain, BRIDGE_MESSAGE_TYPES, messageTuple(message));
  return { signer: getAddress(await signer.getAddress()), signature };
}

/** Signatures in the order the verifier requires: ascending signer address. */
export function orderSignatures(signatures: readonly RelayerSignature[]): string[] {
  return [...signatures]
    .sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : BigInt(a.signer) > BigInt(b.signer) ? 1 : 0))
    .map((s) => s.signature);
}

/** Sign with each signer and return the ordered signature list. */
export async function signAll(
  signers: readonly TypedDataSigner[],
  domain: VerifierDomain,
  message: BridgeMessage,
): Promise<string[]> {
  return orderSignatures(await Promise.all(signers.map((s) => signMessage(s, domain, message))));
}

/**
 * The message a `MessageSent(dstChainId, nonce, sender, dstBridge, recipient, amount)` event emitted by the bridge
 * `srcBridge` on chain `srcChainId` stands for.
 */
export function messageFromSent(
  srcChainId: bigint,
  srcBridge: string,
  args: { dstChainId: bigint; nonce: bigint; sender: string; dstBridge: string; recipient: string; amount: bigint },
): BridgeMessage {
  return {
    srcChainId,
    srcBridge: getAddress(srcBridge),
    dstChainId: args.dstChainId,
    dstBridge: getAddress(args.dstBridge),
    nonce: args.nonce,
    sender: getAddress(args.sender),
    recipient: getAddress(args.recipient),
    amount: args.amount,
  };
}

/** The tuple ethers encodes for the contract's BridgeMessage struct. */
export function messageTuple(m: BridgeMessage) {
  return {
    srcChainId: m.srcChainId,
    srcBridge: getAddress(m.srcBridge),
    dstChainId: m.dstChainId,
    dstBridge: getAddress(m.dstBridge),
    nonce: m.nonce,
    sender: m.sender,
    recipient: m.recipient,
    amount: m.amount,
  };
}
