import { decodeBytes32String } from "ethers";
import { findParameter, parameterKey, STEP_KINDS, UNITS, type StepKind, type Unit } from "./catalog/index.js";
import type { CoreContracts } from "./contracts.js";
import { InputError } from "./errors.js";

/** One parameter as read from the chain, joined with its catalog description. */
export interface ParameterReading {
  key: string;
  unit: Unit;
  value: bigint;
  min: bigint;
  max: bigint;
  stepKind: StepKind;
  maxStep: bigint;
  cooldown: bigint;
  lastUpdateAt: bigint;
  pending?: { value: bigint; effectiveAt: bigint };
  description: string;
  domain: string;
}

/** `ParameterStore.parameterInfo`'s answer, as the SDK reads it. */
type ParameterInfo = Awaited<ReturnType<CoreContracts["parameters"]["parameterInfo"]>>;

/** Value, unit, rules and pending change of a `parameterInfo` answer, with enum indexes turned into names. */
export function parameterFields(info: ParameterInfo) {
  return {
    unit: UNITS[Number(info.unit)],
    value: info.value,
    min: info.rules.min,
    max: info.rules.max,
    stepKind: STEP_KINDS[Number(info.rules.stepKind)],
    maxStep: info.rules.maxStep,
    cooldown: info.rules.cooldown,
    lastUpdateAt: info.lastUpdateAt,
    pending: info.hasPending ? { value: info.pendingValue, effectiveAt: info.pendingEffectiveAt } : undefined,
  };
}

/** Every parameter registered in the ParameterStore, in registration order. */
export async function readParameters(core: CoreContracts): Promise<ParameterReading[]> {
  const keys = await core.parameters.parameterKeys();
  return Promise.all(keys.map((k) => readParameter(core, decodeBytes32String(k))));
}

/** One parameter by name; InputError for an unknown name. */
export async function readParameter(core: CoreContracts, name: string): Promise<ParameterReading> {
  if (new TextEncoder().encode(name).length > 31)
    throw new InputError(`"${name}" is longer than a parameter key can be`);
  if (!(await core.parameters.isRegistered(parameterKey(name)))) {
    throw new InputError(`unknown parameter "${name}": see \`stab3l params list\``);
  }
  const info = await core.parameters.parameterInfo(parameterKey(name));
  const spec = findParameter(name);
  return {
    key: name,
    ...parameterFields(info),
    description: spec?.description ?? "(not in the catalog)",
    domain: spec?.domain ?? "unknown",
  };
}

/** The full history of a parameter: every value with the time it took (or takes) effect. */
export async function readParameterHistory(
  core: CoreContracts,
  name: string,
): Promise<{ effectiveAt: bigint; value: bigint }[]> {
  const key = parameterKey(name);
  const info = await core.parameters.parameterInfo(key);
  const out: { effectiveAt: bigint; value: bigint }[] = [];
  for (let i = 0n; i < info.historyLength; i++) {
    const [effectiveAt, value] = await core.parameters.historyAt(key, i);
    out.push({ effectiveAt, value });
  }
  return out;
}
