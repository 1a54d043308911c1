import { ROLES } from "../../contracts.js";
import { CRITICAL, type Check, type CheckResult } from "../types.js";

/** Who the guardians are (GUARDIAN role, the Governor's proposal guardian), their pause rules, and pauses. */
export const guardiansCheck: Check = {
  name: "guardians",
  title: "Guardians and pauses",
  check(_subject, sim) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    for (const c of sim.changes) {
      const change = `${c.beforeDisplay ?? "(none)"} → ${c.afterDisplay ?? "(removed)"}`;
      if (c.category === "role-member" && c.ref.roleId === ROLES.GUARDIAN) {
        r.warnings.push(
          `${CRITICAL}guardian membership: ${c.subject}: ${c.after === undefined ? "revoked" : c.before === undefined ? "granted" : change}`,
        );
      } else if (c.category === "setting" && c.subject === "governor.proposalGuardian") {
        r.warnings.push(`${CRITICAL}proposal guardian: ${change}`);
      } else if (c.category === "parameter" && c.subject.startsWith("guardian.")) {
        r.warnings.push(`guardian rule ${c.subject} ${c.field}: ${change}`);
      } else if (c.category === "pause") {
        r.warnings.push(`pause ${c.subject}: ${change}`);
      }
    }
    if (r.warnings.length === 0) r.info.push("guardians, their rules and pauses unchanged");
    return r;
  },
};
