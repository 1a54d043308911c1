import { PARAMETER_RELATIONS, type ParameterRelation } from "../../catalog/index.js";
import { parameterIn, type GovernanceState, type ParameterState } from "../../state.js";
import { formatAmount } from "../../units.js";
import type { Check, CheckResult } from "../types.js";
import { CRITICAL } from "../types.js";

/** The value of `p` in force at `t`: its pending value once that takes effect. */
function valueAt(p: ParameterState, t: bigint): bigint {
  return p.pending && p.pending.effectiveAt <= t ? p.pending.value : p.value;
}

interface Judged {
  relation: ParameterRelation;
  lower: ParameterState;
  plus?: ParameterState;
  upper: ParameterState;
  /** The first time (now, or when a pending change takes effect) the two values are out of order. */
  brokenAt?: bigint;
  /** With `bounds`: lower's maximum is above upper's minimum. */
  boundsBroken: boolean;
}

/** The multiple of `lower` that must not exceed `upper`. */
function factorOf(relation: ParameterRelation): bigint {
  return relation.lowerFactor ?? 1n;
}

/** `name`, or `f × name` for a relation with a factor. */
function scaled(relation: ParameterRelation, name: string): string {
  return factorOf(relation) === 1n ? name : `${factorOf(relation)} × ${name}`;
}

/** Each relation judged now and at every pending change of its two parameters, in time order. */
function judge(state: GovernanceState, now: bigint): Judged[] {
  const out: Judged[] = [];
  for (const relation of PARAMETER_RELATIONS) {
    const lower = parameterIn(state, relation.lower);
    const upper = parameterIn(state, relation.upper);
    const plus = relation.plus === undefined ? undefined : parameterIn(state, relation.plus);
    if (!lower || !upper || (relation.plus !== undefined && !plus)) continue; // a deployment without that domain
    const times = [now, lower.pending?.effectiveAt, upper.pending?.effectiveAt, plus?.pending?.effectiveAt]
      .filter((t): t is bigint => t !== undefined && t >= now)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const left = (t: bigint) => valueAt(lower, t) * factorOf(relation) + (plus ? valueAt(plus, t) : 0n);
    out.push({
      relation,
      lower,
      plus,
      upper,
      brokenAt: times.find((t) => left(t) > valueAt(upper, t)),
      boundsBroken: relation.bounds === true && lower.max * factorOf(relation) + (plus?.max ?? 0n) > upper.min,
    });
  }
  return out;
}

/**
 * Orderings between parameters (catalog/relations.ts) hold after the proposal: each change may be within its
 * own bounds and still leave, say, an oracle's minimum price above its maximum, now or once a scheduled change
 * of either takes effect. Broken by this proposal: an error; already broken before it: a warning; bounds an
 * invariant relies on, loosened: critical.
 */
export const relationsCheck: Check = {
  name: "relations",
  title: "Orderings between parameters",
  check(_subject, sim) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    const now = sim.executionTime;
    const before = new Map(judge(sim.before, now).map((j) => [`${j.relation.lower}|${j.relation.upper}`, j]));
    const after = judge(sim.after, now);
    for (const j of after) {
      const was = before.get(`${j.relation.lower}|${j.relation.upper}`);
      const { lower, plus, upper, relation } = j;
      const show = (p: ParameterState, v: bigint) => formatAmount(p.unit, v);
      if (j.brokenAt !== undefined) {
        const t = j.brokenAt;
        const when = t === now ? "" : ` from ${new Date(Number(t) * 1000).toISOString()}`;
        const first = `${scaled(relation, lower.name)} (${scaled(relation, show(lower, valueAt(lower, t)))})`;
        const left = plus ? `${first} + ${plus.name} (${show(plus, valueAt(plus, t))})` : first;
        const text = `${left} above ${upper.name} (${show(upper, valueAt(upper, t))})${when}: ${relation.why}`;
        if (was?.brokenAt !== undefined) r.warnings.push(`already before this proposal: ${text}`);
        else r.errors.push(`this proposal leaves ${text}`);
      }
      if (j.boundsBroken) {
        const text = `${scaled(relation, lower.name)} may reach ${scaled(relation, show(lower, lower.max))}, above the lowest ${upper.name} (${show(upper, upper.min)}): ${relation.why}`;
        r.warnings.push(
          was?.boundsBroken ? `already before this proposal: ${text}` : `${CRITICAL}with the new bounds, ${text}`,
        );
      }
    }
    const held = after.filter((j) => j.brokenAt === undefined && !j.boundsBroken).length;
    if (held === after.length) r.info.push(`all ${held} orderings between parameters hold`);
    return r;
  },
};
