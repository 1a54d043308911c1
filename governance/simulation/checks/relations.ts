import { PARAMETER_RELATIONS, type ParameterRelation } from "../../catalog/index.js";
import { parameterIn, type GovernanceState, type ParameterState } from "../../state.js";
import { formatAmount } from "../../units.js";
import type { Check, CheckResult } from "../types.js";
import { CRITICAL } from "../types.js";

/** A parameter's value once its pending change (if any) is in force. */
function eventual(p: ParameterState): bigint {
  return p.pending?.value ?? p.value;
}

interface Judged {
  relation: ParameterRelation;
  lower: ParameterState;
  upper: ParameterState;
  /** The values are out of order now or once pending changes take effect. */
  valuesBroken: boolean;
  /** With `bounds`: lower's maximum is above upper's minimum. */
  boundsBroken: boolean;
}

function judge(state: GovernanceState): Judged[] {
  const out: Judged[] = [];
  for (const relation of PARAMETER_RELATIONS) {
    const lower = parameterIn(state, relation.lower);
    const upper = parameterIn(state, relation.upper);
    if (!lower || !upper) continue; // a deployment without that domain
    out.push({
      relation,
      lower,
      upper,
      valuesBroken: lower.value > upper.value || eventual(lower) > eventual(upper),
      boundsBroken: relation.bounds === true && lower.max > upper.min,
    });
  }
  return out;
}

/**
 * Orderings between parameters (catalog/relations.ts) hold after the proposal: each change may be within its
 * own bounds and still leave, say, an oracle's minimum price above its maximum. Broken by this proposal: an
 * error; already broken before it: a warning; bounds an invariant relies on, loosened: critical.
 */
export const relationsCheck: Check = {
  name: "relations",
  title: "Orderings between parameters",
  check(_subject, sim) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    const before = new Map(judge(sim.before).map((j) => [`${j.relation.lower}|${j.relation.upper}`, j]));
    const after = judge(sim.after);
    for (const j of after) {
      const was = before.get(`${j.relation.lower}|${j.relation.upper}`);
      const { lower, upper, relation } = j;
      const show = (p: ParameterState, v: bigint) => formatAmount(p.unit, v);
      if (j.valuesBroken) {
        const text = `${lower.name} (${show(lower, eventual(lower))}) above ${upper.name} (${show(upper, eventual(upper))}): ${relation.why}`;
        if (was?.valuesBroken) r.warnings.push(`already before this proposal: ${text}`);
        else r.errors.push(`this proposal leaves ${text}`);
      }
      if (j.boundsBroken) {
        const text = `${lower.name} may reach ${show(lower, lower.max)}, above the lowest ${upper.name} (${show(upper, upper.min)}): ${relation.why}`;
        r.warnings.push(
          was?.boundsBroken ? `already before this proposal: ${text}` : `${CRITICAL}with the new bounds, ${text}`,
        );
      }
    }
    const held = after.filter((j) => !j.valuesBroken && !j.boundsBroken).length;
    if (held === after.length) r.info.push(`all ${held} orderings between parameters hold`);
    return r;
  },
};
