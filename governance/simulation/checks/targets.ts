import { addressName, contractNameAt } from "../../context.js";
import type { Check, CheckResult } from "../types.js";

/** Every action calls a contract of the deployment. */
export const targetsCheck: Check = {
  name: "targets",
  title: "Targets are known protocol contracts",
  check(subject, _sim, ctx) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    const safes = [ctx.deployment.safes.core, ctx.deployment.safes.guardian].map((a) => a.toLowerCase());
    subject.decoded.actions.forEach((a, i) => {
      const name = contractNameAt(ctx, a.target);
      if (name) r.info.push(`action ${i + 1} calls ${name}`);
      else if (safes.includes(a.target.toLowerCase()))
        r.warnings.push(`action ${i + 1} calls the ${addressName(ctx, a.target)}, not a protocol contract`);
      else r.errors.push(`action ${i + 1} calls ${a.target}, which is not a contract of this deployment`);
    });
    return r;
  },
};
