/**
 * A synthetic JSON-RPC node in its own process, as a real node would be (the ingest benchmark's indexer then
 * does not share its event loop with the node's JSON encoding):
 *
 *   node --import tsx test/indexer/synthetic-node.ts <proposals> <blocks> <votesPerBlock> <maxLogsPerQuery>
 *
 * Prints one JSON line {"url", "deployment", "head", "logs"} once serving; exits when stdin closes.
 */
import { SyntheticChain } from "./synthetic.js";

const [proposals, blocks, perBlock, maxLogs] = process.argv.slice(2).map(Number);
const chain = new SyntheticChain();
const t0 = chain.blocks[0].timestamp;
chain.mine(
  Array.from({ length: proposals }, (_, i) =>
    chain.proposalCreated(BigInt(i + 1), SyntheticChain.account(0), t0 + 1, t0 + 10_000_000),
  ),
);
let n = 0;
for (let b = 0; b < blocks; b++) {
  chain.mine(
    Array.from({ length: perBlock }, () => {
      n++;
      return chain.voteCast(
        SyntheticChain.rawAccount(n),
        BigInt((n % proposals) + 1),
        n % 3,
        BigInt(n) * 10n ** 18n,
        n % 10 === 0 ? "a reason to vote this way" : "",
      );
    }),
  );
}
chain.maxLogsPerQuery = maxLogs;
const node = await chain.serve();
process.stdout.write(
  JSON.stringify({ url: node.url, deployment: chain.deployment, head: chain.head, logs: proposals + n }) + "\n",
);
process.stdin.resume();
process.stdin.on("end", () => {
  void node.close().then(() => process.exit(0));
});
