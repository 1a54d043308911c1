/**
 * CLI for keepers: the CU/USD round that settles an expiry, i.e. the `roundId` argument of
 * `FuturesMarket.fixSettlementPrice(expiry, roundId)` and `OptionsMarket.fixSettlementPrice(expiry, roundId)`.
 *   tsx oracles/settlement-round.ts --expiry <unix seconds> [--rpc http://127.0.0.1:8545]
 *                                   [--deployment deployments/localhost.json]
 * Prints one JSON line { asset, feed, expiry, roundId, answer, updatedAt }. Bad input exits 2 with one line.
 */
import { Command } from "commander";
import { z } from "zod";
import { connect } from "../governance/chain.js";
import { loadDeployment } from "../governance/deployment.js";
import { DeploymentError, InputError } from "../governance/errors.js";
import { deployedFeeds } from "./feeds.js";
import { firstRoundAtOrAfter } from "./rounds.js";

const Options = z.object({
  expiry: z
    .string()
    .regex(/^\d{1,12}$/, "--expiry must be unix seconds, e.g. 1767225600")
    .transform((s) => BigInt(s)),
  rpc: z.string(),
  deployment: z.string(),
});

async function main(): Promise<void> {
  const program = new Command()
    .name("settlement-round")
    .requiredOption("--expiry <seconds>", "the expiry (unix seconds) to settle")
    .option("--rpc <url>", "JSON-RPC endpoint", "http://127.0.0.1:8545")
    .option("--deployment <file>", "deployment file", "deployments/localhost.json")
    .parse();
  const parsed = Options.safeParse(program.opts());
  if (!parsed.success) throw new InputError(parsed.error.issues[0].message);
  const opts = parsed.data;
  const deployment = loadDeployment(opts.deployment);
  const chain = await connect(opts.rpc, deployment.chainId);
  const feed = (await deployedFeeds(deployment, chain.provider)).assets["CU/USD"].feed;
  const round = await firstRoundAtOrAfter(feed, opts.expiry, chain.provider);
  console.log(
    JSON.stringify({
      asset: "CU/USD",
      feed,
      expiry: opts.expiry.toString(),
      roundId: round.roundId.toString(),
      answer: round.answer.toString(),
      updatedAt: round.updatedAt.toString(),
    }),
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(err instanceof InputError || err instanceof DeploymentError ? 2 : 1);
  },
);
