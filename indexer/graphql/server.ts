/**
 * The HTTP server: POST/GET /graphql (graphql-yoga, read-only schema) and GET /health (the indexer's status as
 * JSON; 200 when "ok", 503 otherwise). Optional API keys in an `Api-Key` header, as Tally's API took them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "graphql";
import { createSchema, createYoga, type Plugin } from "graphql-yoga";
import type { ApiEnv } from "./env.js";
import { analyzeQuery, checkLimits, DEFAULT_LIMITS, type QueryLimits } from "./limits.js";
import { createResolvers } from "./resolvers.js";
import { typeDefs } from "./typeDefs.js";

export interface ApiServerOptions {
  env: ApiEnv;
  /** TCP port; 0 picks a free one (default 4000). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** When non-empty, /graphql requires one of these in the `Api-Key` header. */
  apiKeys?: string[];
  limits?: Partial<QueryLimits>;
  /** Serve GraphiQL on GET /graphql from a browser (default true). */
  graphiql?: boolean;
  /** Largest request body in bytes (default 100 000). */
  maxBodyBytes?: number;
}

export interface ApiServer {
  /** http://host:port/graphql */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

function limitsPlugin(limits: QueryLimits): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parse(source, { ...options, maxTokens: limits.maxTokens }));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const cost = analyzeQuery(args.schema, args.document, args.operationName, args.variableValues);
      const error = checkLimits(cost, limits);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

function graphqlError(res: ServerResponse, status: number, message: string, code: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** Build the request handler (exported for tests that want no socket). */
export function createApiHandler(options: ApiServerOptions) {
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const keys = new Set(options.apiKeys ?? []);
  const maxBody = options.maxBodyBytes ?? 100_000;
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }>({
    schema: createSchema({ typeDefs, resolvers: createResolvers() as never }),
    context: () => {
      options.env.reader.fresh();
      return options.env;
    },
    graphqlEndpoint: "/graphql",
    graphiql: options.graphiql ?? true,
    landingPage: false,
    logging: false,
    maskedErrors: true,
    plugins: [limitsPlugin(limits)],
  });

  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/health") {
      const status = options.env.status();
      sendJson(res, status.status === "ok" ? 200 : 503, status);
      return;
    }
    if (path !== "/graphql") {
      graphqlError(res, 404, `no route ${path}: the API is at /graphql, health at /health`, "NOT_FOUND");
      return;
    }
    if (keys.size > 0) {
      const key = req.headers["api-key"];
      if (typeof key !== "string" || !keys.has(key)) {
        graphqlError(res, 401, "missing or unknown Api-Key header", "UNAUTHENTICATED");
        return;
      }
    }
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxBody) {
      graphqlError(res, 413, `request body of ${length} bytes exceeds ${maxBody}`, "PAYLOAD_TOO_LARGE");
      return;
    }
    void yoga(req, res, { req, res });
  };
}

/** Listen and serve. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const server = createServer(createApiHandler(options));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4000, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
