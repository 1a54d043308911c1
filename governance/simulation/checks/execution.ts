import { addressName } from "../../context.js";
import type { Check, CheckResult } from "../types.js";

/** The proposal passes every lifecycle step and each action succeeds. */
export const executionCheck: Check = {
  name: "execution",
  title: "Proposal executes and every action succeeds",
  check(_subject, sim, ctx) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    for (const s of sim.steps) {
      if (!s.success)
        r.errors.push(`${s.step} from ${addressName(ctx, s.from)} reverted: ${s.error?.text ?? "no data"}`);
    }
    if (sim.stoppedAt) r.errors.push(`stopped at ${sim.stoppedAt.step}: ${sim.stoppedAt.reason}`);
    for (const a of sim.actions) {
      if (a.success === false)
        r.errors.push(`action ${a.index + 1} (${a.summary}) reverts: ${a.error?.text ?? "no data"}`);
      else if (a.success === undefined && sim.executed === false && a.error) {
        r.errors.push(`action ${a.index + 1} (${a.summary}) may be the one that reverts: ${a.error.text}`);
      }
    }
    if (!sim.executed && r.errors.length === 0) r.errors.push("the proposal did not execute");
    if (sim.executed) {
      r.info.push(
        `executed ${sim.actions.length} action(s) at ${new Date(Number(sim.executionTime) * 1000).toISOString()}; gas: propose ${sim.gas.propose}, votes ${sim.gas.votes}, queue ${sim.gas.queue}, execute ${sim.gas.execute}`,
      );
    }
    return r;
  },
};
