/**
 * Custom scalars with validation: malformed ids and numbers are rejected as GraphQL errors before a resolver
 * runs. Outputs are produced in canonical form (checksummed addresses, ISO times, decimal strings).
 */
import { getAddress, isAddress } from "ethers";
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { isoTime, parseAccountId } from "../ids.js";

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

/** A string scalar validated by `check`, which returns the normalised value or throws a message. */
function stringScalar(name: string, description: string, check: (s: string) => string): GraphQLScalarType {
  const parse = (value: unknown): string => {
    if (typeof value !== "string") throw badInput(`${name} must be a string`);
    try {
      return check(value);
    } catch (e) {
      throw badInput(`${name}: ${(e as Error).message}`);
    }
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => String(v),
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw badInput(`${name} must be a string literal`);
      return parse(ast.value);
    },
  });
}

const hexOf = (bytes: number | null) => (s: string) => {
  const re = bytes === null ? /^0x([0-9a-fA-F]{2})*$/ : new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`);
  if (!re.test(s)) throw new Error(`"${s.slice(0, 80)}" is not ${bytes === null ? "0x hex" : `${bytes}-byte 0x hex`}`);
  return s.toLowerCase();
};

const address = (s: string) => {
  if (!isAddress(s)) throw new Error(`"${String(s).slice(0, 80)}" is not an address`);
  return getAddress(s);
};

const digits = (max: number) => (s: string) => {
  if (!/^\d+$/.test(s) || s.length > max) throw new Error(`"${s.slice(0, 80)}" is not a non-negative integer`);
  return BigInt(s).toString();
};

/** IntID and Uint256 also accept integer literals (`id: 3`), as Tally's do. */
function integerScalar(name: string, description: string, maxDigits: number): GraphQLScalarType {
  const check = digits(maxDigits);
  const parse = (value: unknown): string => {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
    if (typeof value !== "string") throw badInput(`${name} must be a decimal string or a non-negative integer`);
    try {
      return check(value);
    } catch (e) {
      throw badInput(`${name}: ${(e as Error).message}`);
    }
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => (typeof v === "bigint" ? v.toString() : String(v)),
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind === Kind.INT) return parse(ast.value);
      if (ast.kind === Kind.STRING) return parse(ast.value);
      throw badInput(`${name} must be a string or an integer`);
    },
  });
}

const jsonLiteral = (ast: ValueNode): unknown => {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(jsonLiteral);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, jsonLiteral(f.value)]));
    default:
      throw badInput("JSON literals cannot use variables");
  }
};

export const scalarResolvers = {
  AccountID: stringScalar("AccountID", "CAIP-10 account id", (s) => {
    const parsed = parseAccountId(s);
    if (!parsed) throw new Error(`"${s.slice(0, 80)}" is not a CAIP-10 id (eip155:<chainId>:<address>)`);
    return `eip155:${parsed.chainId}:${parsed.address}`;
  }),
  Address: stringScalar("Address", "0x address", address),
  AssetID: stringScalar("AssetID", "eip155:<chainId>/erc20:<address>", (s) => {
    const m = /^eip155:(\d{1,20})\/erc20:(0x[0-9a-fA-F]{40})$/.exec(s);
    if (!m) throw new Error(`"${s.slice(0, 80)}" is not an asset id (eip155:<chainId>/erc20:<address>)`);
    return `eip155:${m[1]}/erc20:${address(m[2])}`;
  }),
  BlockID: stringScalar("BlockID", "eip155:<chainId>:<block>", (s) => {
    if (!/^eip155:\d{1,20}:\d{1,20}$/.test(s)) throw new Error(`"${s.slice(0, 80)}" is not a block id`);
    return s;
  }),
  Bytes: stringScalar("Bytes", "0x hex bytes", hexOf(null)),
  Bytes32: stringScalar("Bytes32", "32-byte 0x hex", hexOf(32)),
  Hash: stringScalar("Hash", "32-byte 0x hex", hexOf(32)),
  ChainID: stringScalar("ChainID", "CAIP-2 chain id", (s) => {
    if (!/^eip155:\d{1,20}$/.test(s)) throw new Error(`"${s.slice(0, 80)}" is not a CAIP-2 chain id (eip155:<id>)`);
    return s;
  }),
  IntID: integerScalar("IntID", "integer id as a decimal string", 80),
  Uint256: integerScalar("Uint256", "uint256 as a decimal string", 78),
  Timestamp: new GraphQLScalarType({
    name: "Timestamp",
    description: "ISO-8601 UTC time",
    serialize: (v) => (typeof v === "number" ? isoTime(v) : String(v)),
    parseValue: (v) => {
      if (typeof v !== "string" || Number.isNaN(Date.parse(v))) throw badInput("Timestamp must be an ISO-8601 time");
      return v;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) {
        throw badInput("Timestamp must be an ISO-8601 time");
      }
      return ast.value;
    },
  }),
  JSON: new GraphQLScalarType({
    name: "JSON",
    description: "Any JSON value",
    serialize: (v) => v,
    parseValue: (v) => v,
    parseLiteral: jsonLiteral,
  }),
};
