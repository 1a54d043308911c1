import { flattenCalls } from "../../decode/call.js";
import type { Check, CheckResult } from "../types.js";

/** Every action decodes to a known function; delegatecalls, guessed ABIs and unknown selectors are flagged. */
export const decodingCheck: Check = {
  name: "decoding",
  title: "Every call decodes",
  check(subject) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    subject.decoded.actions.forEach((top, i) => {
      for (const call of flattenCalls(top)) for (const w of call.warnings) r.warnings.push(`action ${i + 1}: ${w}`);
    });
    const intents = subject.decoded.actions.filter((a) => a.intent).length;
    if (r.warnings.length === 0) {
      r.info.push(`${subject.decoded.actions.length} action(s) decoded, ${intents} recognised as intents`);
    }
    return r;
  },
};
