/**
 * `npm run api`: follow a node and serve the GraphQL API.
 *
 *   npm run api -- --rpc http://127.0.0.1:8545 --deployment deployments/localhost.json --port 4000
 *
 * Every flag has an environment variable: STAB3L_RPC_URL, STAB3L_DEPLOYMENT, STAB3L_API_DB, STAB3L_API_PORT,
 * STAB3L_API_HOST, STAB3L_API_KEYS (comma-separated), STAB3L_CONFIRMATIONS.
 */
import { Command, InvalidArgumentError } from "commander";
import { startApi } from "./api.js";

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
}

const env = process.env;
const program = new Command()
  .name("stab3l-api")
  .description("Index STAB3L governance from a JSON-RPC node into SQLite and serve a Tally-compatible GraphQL API")
  .option("--rpc <url>", "JSON-RPC endpoint", env.STAB3L_RPC_URL ?? "http://127.0.0.1:8545")
  .option("--deployment <file>", "deployment file", env.STAB3L_DEPLOYMENT ?? "deployments/localhost.json")
  .option("--db <file>", "SQLite database (default .stab3l/indexer-<network>.sqlite)", env.STAB3L_API_DB)
  .option("--port <n>", "HTTP port", integer("--port", 0), Number(env.STAB3L_API_PORT ?? 4000))
  .option("--host <host>", "interface to listen on", env.STAB3L_API_HOST ?? "127.0.0.1")
  .option("--api-key <key...>", "accepted Api-Key header values (none = open)", env.STAB3L_API_KEYS?.split(","))
  .option(
    "--confirmations <n>",
    "blocks to wait behind the head (default 0 locally, 12 elsewhere)",
    integer("--confirmations", 0),
    env.STAB3L_CONFIRMATIONS === undefined ? undefined : Number(env.STAB3L_CONFIRMATIONS),
  )
  .option("--poll-interval <ms>", "head poll interval once caught up", integer("--poll-interval", 10), 1000)
  .option("--block-range <n>", "largest eth_getLogs range", integer("--block-range", 1), 2000)
  .option(
    "--min-request-interval <ms>",
    "space requests to a rate-limited node",
    integer("--min-request-interval", 0),
    0,
  )
  .option("--quiet", "log nothing but errors");

async function main(): Promise<void> {
  program.parse();
  const o = program.opts<{
    rpc: string;
    deployment: string;
    db?: string;
    port: number;
    host: string;
    apiKey?: string[];
    confirmations?: number;
    pollInterval: number;
    blockRange: number;
    minRequestInterval: number;
    quiet?: boolean;
  }>();
  const log = o.quiet ? () => {} : (line: string) => console.error(line);
  const api = await startApi({
    rpcUrl: o.rpc,
    deployment: o.deployment,
    dbPath: o.db,
    port: o.port,
    host: o.host,
    apiKeys: o.apiKey,
    rpc: { minRequestIntervalMs: o.minRequestInterval },
    indexer: { confirmations: o.confirmations, pollIntervalMs: o.pollInterval, blockRange: o.blockRange },
    log,
  });
  log(`STAB3L API: ${api.url} (health ${api.healthUrl}), following ${o.rpc}, database ${api.db.name}`);
  const shutdown = () => {
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
