import { formatUnits } from "ethers";
import { addressName } from "../../context.js";
import type { Check, CheckResult } from "../types.js";

/** ETH sent by actions, token transfers and approvals out of the treasury, and treasury balance changes. */
export const valueMovedCheck: Check = {
  name: "value-moved",
  title: "ETH and tokens moved",
  check(subject, sim, ctx) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    subject.proposal.actions.forEach((a, i) => {
      if (a.value > 0n) {
        r.warnings.push(`action ${i + 1} sends ${formatUnits(a.value, 18)} ETH to ${addressName(ctx, a.target)}`);
      }
    });
    for (const e of sim.events) {
      const arg = (n: string) => e.args.find((x) => x.name === n)?.value;
      if (e.name === "Transfer" && e.args.length === 3 && typeof arg("value") === "bigint") {
        r.warnings.push(
          `${e.contract ?? e.address} transfer of ${formatUnits(arg("value") as bigint, 18)} from ${addressName(ctx, String(arg("from")))} to ${addressName(ctx, String(arg("to")))}`,
        );
      } else if (e.name === "Approval" && e.args.length === 3) {
        r.warnings.push(
          `${e.contract ?? e.address} approval: ${addressName(ctx, String(arg("owner")))} lets ${addressName(ctx, String(arg("spender")))} spend ${formatUnits(arg("value") as bigint, 18)}`,
        );
      }
    }
    for (const c of sim.changes.filter((x) => x.category === "balance")) {
      r.warnings.push(`${c.subject}: ${c.beforeDisplay ?? "0"} → ${c.afterDisplay ?? "0"}`);
    }
    if (r.warnings.length === 0) r.info.push("no ETH or tokens moved");
    return r;
  },
};
