/** The STAB3L read API client (graphql-request); see client.ts. */
export * from "./client.js";
