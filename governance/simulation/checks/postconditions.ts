import { parameterIn, settingIn } from "../../state.js";
import { formatAmount, parseAmount } from "../../units.js";
import type { Check, CheckResult } from "../types.js";

/** The spec's post-conditions hold on the state after execution ("k stays within [0.1, 0.5]"). */
export const postconditionsCheck: Check = {
  name: "postconditions",
  title: "Spec post-conditions hold",
  check(subject, sim) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    const conditions = subject.spec?.postconditions ?? [];
    if (conditions.length === 0) {
      r.info.push("the spec states no post-condition");
      return r;
    }
    for (const pc of conditions) {
      const name = pc.parameter ?? pc.setting!;
      const why = pc.reason ? ` (${pc.reason})` : "";
      if (!sim.executed) {
        r.errors.push(`${name}: not checked, the proposal did not execute${why}`);
        continue;
      }
      const p = pc.parameter ? parameterIn(sim.after, pc.parameter) : undefined;
      const s = pc.setting ? settingIn(sim.after, pc.setting) : undefined;
      const unit = p?.unit ?? s?.unit;
      const value = p?.value ?? s?.value;
      if (unit === undefined || value === undefined) {
        r.errors.push(`${name}: no such ${pc.parameter ? "parameter" : "setting"} after execution${why}`);
        continue;
      }
      if (unit === "Address" || typeof value === "string") {
        const ok = pc.equals !== undefined && String(pc.equals).toLowerCase() === String(value).toLowerCase();
        (ok ? r.info : r.errors).push(`${name} = ${value}${ok ? "" : `, expected ${pc.equals}`}${why}`);
        continue;
      }
      const show = (v: bigint) => formatAmount(unit, v);
      try {
        if (pc.within) {
          const [lo, hi] = pc.within.map((x) => parseAmount(unit, x));
          const ok = value >= lo && value <= hi;
          (ok ? r.info : r.errors).push(
            `${name} = ${show(value)} ${ok ? "is" : "is NOT"} within [${show(lo)}, ${show(hi)}]${why}`,
          );
        } else {
          const expected = parseAmount(unit, pc.equals!);
          const ok = value === expected;
          (ok ? r.info : r.errors).push(`${name} = ${show(value)}${ok ? "" : `, expected ${show(expected)}`}${why}`);
        }
      } catch (err) {
        r.errors.push(`${name}: post-condition cannot be read: ${(err as Error).message}`);
      }
    }
    return r;
  },
};
