/**
 * Tally-style cursor pagination over keyset queries. A cursor is opaque to clients: base64url of the list it
 * belongs to, the sort, and the sort-key values of one row. A cursor from another list or sort, or one that was
 * tampered with, is refused with BAD_USER_INPUT.
 */
import { GraphQLError } from "graphql";
import type { PageQuery } from "../db/reader.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageInput {
  afterCursor?: string | null;
  beforeCursor?: string | null;
  limit?: number | null;
}

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "NOT_FOUND" } });
}

export function encodeCursor(list: string, sort: string, keys: unknown[]): string {
  return Buffer.from(JSON.stringify({ l: list, s: sort, k: keys })).toString("base64url");
}

export function decodeCursor(cursor: string, list: string, sort: string, arity: number): unknown[] {
  let parsed: { l?: unknown; s?: unknown; k?: unknown };
  try {
    if (cursor.length > 512) throw new Error("too long");
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badInput(`invalid cursor`);
  }
  if (parsed.l !== list || parsed.s !== sort) {
    throw badInput(`this cursor belongs to another list or sort order (${String(parsed.l)} by ${String(parsed.s)})`);
  }
  const keys = parsed.k;
  if (
    !Array.isArray(keys) ||
    keys.length !== arity ||
    !keys.every((k) => typeof k === "string" || (typeof k === "number" && Number.isFinite(k)))
  ) {
    throw badInput(`invalid cursor`);
  }
  return keys;
}

/** Validate a page input and turn it into a keyset query for `list` sorted by `sort` over `arity` keys. */
export function pageQuery(
  page: PageInput | null | undefined,
  list: string,
  sort: string,
  arity: number,
  descending: boolean,
): PageQuery {
  const limit = page?.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badInput(`page.limit must be between 1 and ${MAX_PAGE_SIZE} (got ${limit})`);
  }
  if (page?.afterCursor && page?.beforeCursor) throw badInput("give afterCursor or beforeCursor, not both");
  return {
    limit,
    descending,
    after: page?.afterCursor ? decodeCursor(page.afterCursor, list, sort, arity) : undefined,
    before: page?.beforeCursor ? decodeCursor(page.beforeCursor, list, sort, arity) : undefined,
  };
}

/** A page of nodes with Tally's pageInfo; `count` runs only when a client asks for it. */
export function pageOf<R, N>(
  rows: R[],
  toNode: (row: R) => N,
  cursorOf: (row: R) => string,
  count: () => number,
): { nodes: N[]; pageInfo: { firstCursor: string | null; lastCursor: string | null; count: () => number } } {
  return {
    nodes: rows.map(toNode),
    pageInfo: {
      firstCursor: rows.length ? cursorOf(rows[0]) : null,
      lastCursor: rows.length ? cursorOf(rows[rows.length - 1]) : null,
      count,
    },
  };
}
