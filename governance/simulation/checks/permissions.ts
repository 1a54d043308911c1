import { ROLES } from "../../contracts.js";
import { CRITICAL, type Check, type CheckResult } from "../types.js";

const PERMISSION_CATEGORIES = new Set([
  "role-member",
  "role-config",
  "function-role",
  "target",
  "timelock-role",
  "set-member",
]);

/**
 * Every change to who may do what: authority role members and configuration, function-role mappings,
 * closed targets, the Timelock's own roles, and governed address sets (attesters, relayers). Changes to ADMIN, the Timelock's roles, opening a function
 * to PUBLIC or closing a target are critical. (Guardian membership is reported by the guardians check.)
 */
export const permissionsCheck: Check = {
  name: "permissions",
  title: "Permissions changed",
  check(_subject, sim, ctx) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    for (const c of sim.changes) {
      if (!PERMISSION_CATEGORIES.has(c.category)) continue;
      if (c.category === "role-member" && c.ref.roleId === ROLES.GUARDIAN) continue;
      const text = `${c.subject} ${c.field}: ${c.beforeDisplay ?? "(none)"} → ${c.afterDisplay ?? "(removed)"}`;
      const critical =
        (c.category === "set-member" && ctx.sets.find((x) => x.name === c.ref.set)?.critical === true) ||
        c.category === "timelock-role" ||
        c.category === "target" ||
        c.ref.roleId === ROLES.ADMIN ||
        (c.category === "function-role" &&
          (c.after === ROLES.PUBLIC.toString() || c.before === ROLES.ADMIN.toString()));
      r.warnings.push(critical ? CRITICAL + text : text);
    }
    if (r.warnings.length === 0) r.info.push("no role, function mapping or Timelock role changed");
    return r;
  },
};
