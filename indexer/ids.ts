/**
 * Identifiers the API speaks, in Tally's conventions: CAIP-2 chain ids ("eip155:42161"), CAIP-10 account ids
 * ("eip155:42161:0xAbC…"), CAIP-19-style asset ids ("eip155:42161/erc20:0xAbC…") and block ids
 * ("eip155:42161:123"). Pure functions, no I/O.
 */
import { getAddress, isAddress } from "ethers";
import { displayDescription } from "../governance/proposal.js";

const checksums = new Map<string, string>();

/**
 * The EIP-55 checksummed form of an address, memoised (the checksum is a keccak256, which dominated the API's
 * profile). Throws on a malformed address, as ethers' getAddress does.
 */
export function checksum(address: string): string {
  const key = address.toLowerCase();
  let out = checksums.get(key);
  if (out === undefined) {
    out = getAddress(key);
    if (checksums.size >= 200_000) checksums.clear();
    checksums.set(key, out);
  }
  return out;
}

/** CAIP-2 id of an EVM chain. */
export function chainIdString(chainId: number | bigint): string {
  return `eip155:${chainId}`;
}

/** CAIP-10 id of an account on `chainId` (checksummed address). */
export function accountId(chainId: number | bigint, address: string): string {
  return `eip155:${chainId}:${checksum(address)}`;
}

/** Asset id of an ERC-20 token, as Tally writes it. */
export function assetId(chainId: number | bigint, address: string): string {
  return `eip155:${chainId}/erc20:${checksum(address)}`;
}

/** Block id, as Tally writes it. */
export function blockId(chainId: number | bigint, blockNumber: number): string {
  return `eip155:${chainId}:${blockNumber}`;
}

/** A parsed CAIP-10 account id; undefined when `id` is not one. */
export function parseAccountId(id: string): { chainId: number; address: string } | undefined {
  const m = /^eip155:(\d{1,20}):(0x[0-9a-fA-F]{40})$/.exec(id);
  if (!m || !isAddress(m[2])) return undefined;
  return { chainId: Number(m[1]), address: checksum(m[2]) };
}

/** Unix seconds as the ISO-8601 UTC string Tally uses for `Timestamp`. */
export function isoTime(unixSeconds: number): string {
  let out = isoTimes.get(unixSeconds);
  if (out === undefined) {
    out = new Date(unixSeconds * 1000).toISOString().replace(".000Z", "Z");
    if (isoTimes.size >= 100_000) isoTimes.clear();
    isoTimes.set(unixSeconds, out);
  }
  return out;
}
const isoTimes = new Map<number, string>();

/**
 * Deterministic, chain-ordered id of a log: block number × 2^20 + log index. Exact in a double for blocks below
 * 2^33, and the same whichever run of the indexer ingested it, so cursors and ids survive a re-index.
 */
export function eventId(blockNumber: number, logIndex: number): number {
  return blockNumber * 1_048_576 + logIndex;
}

/** Lower-case hex of an address, the form the database stores. */
export function dbAddress(address: string): string {
  return address.toLowerCase();
}

/** A uint256 as a 64-digit hex string, so SQLite's text order is numeric order. */
export function sortKey(value: bigint): string {
  return value.toString(16).padStart(64, "0");
}

/**
 * First line of a proposal description, without Markdown heading marks and never the `#proposer=` suffix:
 * Tally's `metadata.title`. (`metadata.description` stays the exact on-chain text: clients hash it to queue,
 * execute or cancel; the SDK's displayDescription strips the suffix for people.)
 */
export function proposalTitle(description: string): string {
  const first =
    displayDescription(description)
      .split("\n")
      .find((line) => line.trim() !== "") ?? "";
  return first.replace(/^#+\s*/, "").trim();
}
