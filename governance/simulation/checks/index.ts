import type { SdkContext } from "../../context.js";
import type { Check, CheckOutcome, Simulation, SimulationSubject } from "../types.js";
import { boundsCheck } from "./bounds.js";
import { decodingCheck } from "./decoding.js";
import { executionCheck } from "./execution.js";
import { governanceSettingsCheck } from "./governance-settings.js";
import { guardiansCheck } from "./guardians.js";
import { permissionsCheck } from "./permissions.js";
import { postconditionsCheck } from "./postconditions.js";
import { relationsCheck } from "./relations.js";
import { targetsCheck } from "./targets.js";
import { valueMovedCheck } from "./value-moved.js";

/** Every review check, in the order reports show them. Add a check: one file here, one line below. */
export const CHECKS: readonly Check[] = [
  executionCheck,
  targetsCheck,
  decodingCheck,
  boundsCheck,
  relationsCheck,
  postconditionsCheck,
  governanceSettingsCheck,
  permissionsCheck,
  guardiansCheck,
  valueMovedCheck,
];

/** Run `checks` in order; a check that throws is reported as failed, never hides the others. */
export function runChecks(
  checks: readonly Check[],
  subject: SimulationSubject,
  simulation: Simulation,
  ctx: SdkContext,
): CheckOutcome[] {
  return checks.map((c) => {
    let result;
    try {
      result = c.check(subject, simulation, ctx);
    } catch (err) {
      result = { info: [], warnings: [], errors: [`the check itself failed: ${(err as Error).message}`] };
    }
    const status = result.errors.length ? "fail" : result.warnings.length ? "warn" : "pass";
    return { name: c.name, title: c.title, status, ...result };
  });
}
