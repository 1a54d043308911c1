/**
 * Query limits, checked before execution with the request's variables: nesting depth, and a cost estimate in
 * which a list multiplies the cost of what is selected inside it by the number of items it can return (the
 * page limit for paginated queries). Tokens per document are capped at parse time (see server.ts).
 */
import {
  GraphQLError,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { getArgumentValues } from "graphql/execution/values.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination.js";

export interface QueryLimits {
  /** Deepest field nesting (fragments and inline fragments do not count). Default 10. */
  maxDepth: number;
  /** Highest cost estimate. Default 20 000. */
  maxCost: number;
  /** Deepest nesting inside introspection (__schema, __type): GraphiQL's query needs 12. Default 15. */
  maxIntrospectionDepth: number;
  /**
   * How many times one path may enter a type's member lists (fields, inputFields, enumValues, interfaces,
   * possibleTypes). The standard introspection query needs 1; `types { fields { type { fields { type { fields`
   * (exponential output) needs 3. Default 2.
   */
  maxIntrospectionNesting: number;
  /** Tokens per document. Default 4 000. */
  maxTokens: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxCost: 20_000,
  maxIntrospectionDepth: 15,
  maxIntrospectionNesting: 2,
  maxTokens: 4_000,
};

/** Items a list field returns at most, for fields whose size is known; other lists count as LIST_DEFAULT. */
const LIST_SIZES: Record<string, number> = {
  "Proposal.voteStats": 3,
  "Proposal.events": 8,
  "Proposal.executableCalls": 10,
  "Delegate.voteChanges": 100,
  "Pause.history": 10,
  "Query.parameters": 50,
  "Query.pauses": 20,
};
const LIST_DEFAULT = 20;
const TYPE_MEMBER_LISTS = new Set(["fields", "inputFields", "enumValues", "interfaces", "possibleTypes"]);

export interface QueryCost {
  depth: number;
  cost: number;
  introspectionDepth: number;
  introspectionNesting: number;
}

/** Depth and cost of the operation that will run (the named one, or the first). */
export function analyzeQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): QueryCost {
  const result: QueryCost = { depth: 0, cost: 0, introspectionDepth: 0, introspectionNesting: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    if (d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName)) operation ??= d;
  }
  if (!operation) return result;
  const root = schema.getRootType(operation.operation);
  if (!root) return result;

  const walk = (
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    depth: number,
    seen: Set<string>,
    intro: boolean,
    nesting: number,
  ): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === "__typename") continue;
        const inIntro = intro || name === "__schema" || name === "__type";
        const here = depth + 1;
        if (inIntro) result.introspectionDepth = Math.max(result.introspectionDepth, here);
        else result.depth = Math.max(result.depth, here);
        const fieldDef = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        const metaType =
          name === "__schema" ? schema.getType("__Schema") : name === "__type" ? schema.getType("__Type") : undefined;
        const type: GraphQLOutputType | GraphQLNamedType | undefined = fieldDef?.type ?? metaType;
        if (!type) continue;
        // Introspection is answered from memory; its size is bounded by depth and member-list nesting instead.
        const nested = nesting + (parent.name === "__Type" && TYPE_MEMBER_LISTS.has(name) ? 1 : 0);
        result.introspectionNesting = Math.max(result.introspectionNesting, nested);
        const inner = sel.selectionSet ? walk(sel.selectionSet, getNamedType(type), here, seen, inIntro, nested) : 0;
        let multiplier = 1;
        if (!inIntro && fieldDef) {
          let args: Record<string, unknown> = {};
          try {
            args = getArgumentValues(fieldDef, sel, variables ?? undefined) as Record<string, unknown>;
          } catch {
            // Invalid arguments: execution reports them; count the field at its default size.
          }
          multiplier = listSize(`${parent.name}.${name}`, fieldDef.type, args);
        }
        if (!inIntro) cost += 1 + multiplier * inner;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (type) cost += walk(sel.selectionSet, type, depth, seen, intro, nesting);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue; // cycles are a validation error already
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type) cost += walk(fragment.selectionSet, type, depth, new Set([...seen, name]), intro, nesting);
      }
    }
    return cost;
  };
  result.cost = walk(operation.selectionSet, root, 0, new Set(), false, 0);
  return result;
}

function isListLike(type: GraphQLOutputType | GraphQLNamedType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** How many items a field can return: the page limit of paginated fields, a known size, or LIST_DEFAULT. */
function listSize(coordinate: string, type: GraphQLOutputType, args: Record<string, unknown>): number {
  const input = args.input as { page?: { limit?: number } } | undefined;
  const page = (input?.page ?? (args.page as { limit?: number } | undefined)) as { limit?: number } | undefined;
  const named = getNamedType(type).name;
  if (named === "PaginatedOutput" || named.endsWith("Page")) {
    const limit = page?.limit ?? DEFAULT_PAGE_SIZE;
    return Math.min(Math.max(1, Number(limit) || 1), MAX_PAGE_SIZE);
  }
  if (!isListLike(type)) return 1;
  // The page's `nodes` list was counted by the paginated field above it.
  if (coordinate.endsWith(".nodes")) return 1;
  if (coordinate === "Query.accounts") {
    const n = ((args.ids as unknown[]) ?? []).length + ((args.addresses as unknown[]) ?? []).length;
    return Math.max(1, n);
  }
  return LIST_SIZES[coordinate] ?? LIST_DEFAULT;
}

/** The first limit `cost` breaks, as the error the client gets; undefined when within limits. */
export function checkLimits(cost: QueryCost, limits: QueryLimits): GraphQLError | undefined {
  const over = (code: string, message: string, value: number, max: number) =>
    new GraphQLError(message, { extensions: { code, value, max } });
  if (cost.depth > limits.maxDepth) {
    return over(
      "QUERY_TOO_DEEP",
      `query depth ${cost.depth} exceeds the limit of ${limits.maxDepth}`,
      cost.depth,
      limits.maxDepth,
    );
  }
  if (cost.introspectionDepth > limits.maxIntrospectionDepth) {
    return over(
      "QUERY_TOO_DEEP",
      `introspection depth ${cost.introspectionDepth} exceeds the limit of ${limits.maxIntrospectionDepth}`,
      cost.introspectionDepth,
      limits.maxIntrospectionDepth,
    );
  }
  if (cost.cost > limits.maxCost) {
    return over(
      "QUERY_TOO_COMPLEX",
      `query cost ${cost.cost} exceeds the limit of ${limits.maxCost}: ask for smaller pages or fewer nested fields`,
      cost.cost,
      limits.maxCost,
    );
  }
  if (cost.introspectionNesting > limits.maxIntrospectionNesting) {
    return over(
      "QUERY_TOO_COMPLEX",
      `introspection nests type member lists ${cost.introspectionNesting} deep; the limit is ${limits.maxIntrospectionNesting}`,
      cost.introspectionNesting,
      limits.maxIntrospectionNesting,
    );
  }
  return undefined;
}
