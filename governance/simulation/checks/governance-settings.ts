import { flattenCalls } from "../../decode/call.js";
import { contractNameAt } from "../../context.js";
import { CRITICAL, type Check, type CheckResult } from "../types.js";

/**
 * Changes to governance itself are critical: the Timelock delay, every Governor setting, the authority's
 * ParameterStore, and calls to functions the catalog marks critical (moving the Governor to another
 * Timelock, relaying calls, changing bounds or role configuration …).
 */
export const governanceSettingsCheck: Check = {
  name: "governance-settings",
  title: "Timelock delay, Governor settings and critical functions",
  check(subject, sim, ctx) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    for (const c of sim.changes.filter((x) => x.category === "setting")) {
      const spec = ctx.settings.find((s) => s.name === c.subject);
      if (c.subject === "governor.proposalGuardian") continue; // the guardians check reports it
      const text = `${c.subject}: ${c.beforeDisplay ?? "(none)"} → ${c.afterDisplay ?? "(removed)"}`;
      r.warnings.push(spec?.critical === false ? text : CRITICAL + text);
    }
    subject.decoded.actions.forEach((top, i) => {
      for (const call of flattenCalls(top)) {
        const contract = contractNameAt(ctx, call.target);
        const fn = ctx.functions.find((f) => f.contract === contract && f.signature === call.function.signature);
        if (fn?.critical)
          r.warnings.push(`${CRITICAL}action ${i + 1} calls ${contract}.${fn.signature}: ${fn.description}`);
      }
    });
    if (r.warnings.length === 0) r.info.push("no governance setting or critical function touched");
    return r;
  },
};
