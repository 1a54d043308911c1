import { time } from "@nomicfoundation/hardhat-network-helpers";

/**
 * Pin the next block's timestamp to one second after the latest block and return it. A refusal that names the
 * block time (`…(expiry, now)`) is then exact: left alone, the node puts the next block at its wall clock when
 * that is later, which a busy machine makes more than a second after the last block.
 */
export async function pinNextBlockTime(): Promise<bigint> {
  const at = BigInt(await time.latest()) + 1n;
  await time.setNextBlockTimestamp(at);
  return at;
}
