/**
 * One call to run the read API: open the SQLite database, follow the chain with the indexer, serve GraphQL.
 * Used by `npm run api` (indexer/main.ts) and embeddable in `npm start`.
 */
import { loadDeployment, type Deployment } from "../governance/deployment.js";
import { openDatabase, type Db } from "./db/schema.js";
import { createApiEnv } from "./graphql/env.js";
import type { QueryLimits } from "./graphql/limits.js";
import { startApiServer, type ApiServer } from "./graphql/server.js";
import { Indexer, type IndexerOptions } from "./ingest/indexer.js";
import { ChainSource } from "./rpc/source.js";
import { HttpTransport, type HttpTransportOptions, type RpcTransport } from "./rpc/transport.js";

export interface StartApiOptions {
  /** JSON-RPC endpoint of any node (default http://127.0.0.1:8545). Ignored when `transport` is given. */
  rpcUrl?: string;
  /** A ready transport (e.g. an EIP-1193 provider in tests). */
  transport?: RpcTransport;
  /** The deployment, or the path of its JSON file (default deployments/localhost.json). */
  deployment?: Deployment | string;
  /** SQLite file (default .stab3l/indexer-<network>.sqlite); ":memory:" keeps nothing. */
  dbPath?: string;
  /** HTTP port (default 4000; 0 = any free port). */
  port?: number;
  host?: string;
  /** Accepted `Api-Key` header values; empty = open. */
  apiKeys?: string[];
  indexer?: IndexerOptions;
  rpc?: HttpTransportOptions;
  limits?: Partial<QueryLimits>;
  log?: (line: string) => void;
}

export interface ApiHandle {
  /** http://host:port/graphql */
  readonly url: string;
  /** http://host:port/health */
  readonly healthUrl: string;
  readonly indexer: Indexer;
  readonly server: ApiServer;
  readonly db: Db;
  readonly deployment: Deployment;
  /** Stop the indexer, close the server and the database. */
  close(): Promise<void>;
}

export async function startApi(options: StartApiOptions = {}): Promise<ApiHandle> {
  const deployment =
    typeof options.deployment === "object"
      ? options.deployment
      : loadDeployment(options.deployment ?? "deployments/localhost.json");
  const dbPath = options.dbPath ?? `.stab3l/indexer-${deployment.network}.sqlite`;
  const transport =
    options.transport ?? new HttpTransport(options.rpcUrl ?? "http://127.0.0.1:8545", options.rpc ?? {});
  const db = openDatabase(dbPath);
  let indexer: Indexer;
  try {
    indexer = new Indexer(db, new ChainSource(transport), deployment, {
      log: options.log,
      ...(options.indexer ?? {}),
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const env = createApiEnv(db, deployment, () => indexer.status(), options.indexer?.extraContracts);
  let server: ApiServer;
  try {
    server = await startApiServer({
      env,
      port: options.port,
      host: options.host,
      apiKeys: options.apiKeys,
      limits: options.limits,
    });
  } catch (error) {
    db.close();
    throw error;
  }
  indexer.start();
  let closed = false;
  return {
    url: server.url,
    healthUrl: server.url.replace(/\/graphql$/, "/health"),
    indexer,
    server,
    db,
    deployment,
    close: async () => {
      if (closed) return;
      closed = true;
      await indexer.stop();
      await server.close();
      db.close();
    },
  };
}
