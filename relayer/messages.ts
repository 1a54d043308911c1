/**
 * Bridge messages as relayers sign them: pure encoding, no network. Mirrors contracts/bridge/IMessageVerifier.sol.
 */
import { getAddress, TypedDataEncoder, type TypedDataDomain, type TypedDataField } from "ethers";

/** One transfer between chains (sSTB wei). */
export interface BridgeMessage {
  srcChainId: bigint;
  dstChainId: bigint;
  nonce: bigint;
  sender: string;
  recipient: string;
  amount: bigint;
}

/**
 * EIP-712 types of a signed BridgeMessage, in the contract's field order. Signatures also name the destination
 * bridge (`dstBridge`), so they are good for that one bridge only: a bridge redeployed behind the same verifier
 * starts with no processed messages, and must not accept the old ones again.
 */
export const BRIDGE_MESSAGE_TYPES: Record<string, TypedDataField[]> = {
  BridgeMessage: [
    { name: "srcChainId", type: "uint256" },
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

/** The typed value signed for `message` delivered to the bridge at `dstBridge`. */
function typedValue(message: BridgeMessage, dstBridge: string): Record<string, unknown> {
  return { ...messageTuple(message), dstBridge: getAddress(dstBridge) };
}

/** The digest the verifier checks for `message` delivered to `dstBridge` (MessageVerifier.hashMessage). */
export function messageDigest(domain: VerifierDomain, message: BridgeMessage, dstBridge: string): string {
  return TypedDataEncoder.hash(domain, BRIDGE_MESSAGE_TYPES, typedValue(message, dstBridge));
}

/** Sign `message` for the verifier of `domain` and the bridge at `dstBridge`. */
export async function signMessage(
  signer: TypedDataSigner,
  domain: VerifierDomain,
  message: BridgeMessage,
  dstBridge: string,
): Promise<RelayerSignature> {
  const signature = await signer.signTypedData(domain, BRIDGE_MESSAGE_TYPES, typedValue(message, dstBridge));
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
  dstBridge: string,
): Promise<string[]> {
  return orderSignatures(await Promise.all(signers.map((s) => signMessage(s, domain, message, dstBridge))));
}

/** The message a `MessageSent(dstChainId, nonce, sender, recipient, amount)` event on chain `srcChainId` stands for. */
export function messageFromSent(
  srcChainId: bigint,
  args: { dstChainId: bigint; nonce: bigint; sender: string; recipient: string; amount: bigint },
): BridgeMessage {
  return {
    srcChainId,
    dstChainId: args.dstChainId,
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
    dstChainId: m.dstChainId,
    nonce: m.nonce,
    sender: m.sender,
    recipient: m.recipient,
    amount: m.amount,
  };
}
