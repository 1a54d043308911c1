import { flattenCalls } from "../../decode/call.js";
import type { ParameterState } from "../../state.js";
import { formatAmount } from "../../units.js";
import type { Check, CheckResult } from "../types.js";

const MAX_SCHEDULE_HORIZON = 400n * 86_400n;

function iso(t: bigint): string {
  return new Date(Number(t) * 1000).toISOString();
}

/**
 * Parameter changes respect the on-chain rules at the time they run: hard bounds, the step limit, the
 * cooldown, no pending schedule; schedules lie in the allowed window; settings stay within their catalog
 * bounds. Judged from the state before the proposal, action after action, at the execution time, so an
 * out-of-bounds or too-early change is named before anything is sent.
 */
export const boundsCheck: Check = {
  name: "bounds",
  title: "Parameter bounds, step limits and cooldowns",
  check(subject, sim, ctx) {
    const r: CheckResult = { info: [], warnings: [], errors: [] };
    const running = new Map<string, ParameterState>(sim.before.parameters.map((p) => [p.name, { ...p }]));
    const now = sim.executionTime;
    let seen = 0;
    subject.decoded.actions.forEach((top, i) => {
      for (const call of flattenCalls(top)) {
        const intent = call.intent;
        if (!intent) continue;
        const where = `action ${i + 1}`;
        if (intent.kind === "set-parameter" || intent.kind === "schedule-parameter") {
          seen++;
          const name = String(intent.intent.parameter);
          const p = running.get(name);
          if (!p) {
            r.errors.push(`${where}: ${name} is not registered in the ParameterStore`);
            continue;
          }
          const show = (v: bigint) => formatAmount(p.unit, v);
          const value = BigInt(String(intent.intent.value));
          const effectiveAt = intent.kind === "schedule-parameter" ? BigInt(String(intent.intent.effectiveAt)) : now;
          const problems: string[] = [];
          if (p.pending && p.pending.effectiveAt > now) {
            problems.push(
              `a change to ${show(p.pending.value)} is already scheduled for ${iso(p.pending.effectiveAt)}`,
            );
          }
          if (
            intent.kind === "schedule-parameter" &&
            (effectiveAt <= now || effectiveAt > now + MAX_SCHEDULE_HORIZON)
          ) {
            problems.push(
              `takes effect at ${iso(effectiveAt)}, outside the schedulable window (${iso(now + 1n)} … ${iso(now + MAX_SCHEDULE_HORIZON)}) when the proposal executes`,
            );
          }
          if (value < p.min || value > p.max) {
            problems.push(`${show(value)} is outside its bounds [${show(p.min)}, ${show(p.max)}]`);
          }
          const delta = value > p.value ? value - p.value : p.value - value;
          const maxDelta =
            p.stepKind === "Absolute"
              ? p.maxStep
              : p.stepKind === "RelativeBps"
                ? (p.value * p.maxStep) / 10_000n
                : undefined;
          if (maxDelta !== undefined && delta > maxDelta) {
            problems.push(`moving ${show(p.value)} → ${show(value)} exceeds the step limit of ${show(maxDelta)}`);
          }
          if (p.lastUpdateAt !== 0n && effectiveAt < p.lastUpdateAt + p.cooldown) {
            problems.push(
              `too early: last changed ${iso(p.lastUpdateAt)}, cooldown ${formatAmount("Seconds", p.cooldown)}, earliest ${iso(p.lastUpdateAt + p.cooldown)} (it would run ${iso(effectiveAt)})`,
            );
          }
          if (problems.length) {
            for (const problem of problems) r.errors.push(`${where}: ${name}: ${problem}`);
          } else {
            r.info.push(
              `${where}: ${name} ${show(p.value)} → ${show(value)} within [${show(p.min)}, ${show(p.max)}]${maxDelta !== undefined ? `, step ≤ ${show(maxDelta)}` : ""}, cooldown respected`,
            );
          }
          // The next change to the same key is judged against this one.
          if (intent.kind === "set-parameter") running.set(name, { ...p, value, lastUpdateAt: effectiveAt });
          else running.set(name, { ...p, pending: { value, effectiveAt } });
        } else if (intent.kind === "set-parameter-bounds") {
          seen++;
          const name = String(intent.intent.parameter);
          const p = running.get(name);
          const min = BigInt(String(intent.intent.min));
          const max = BigInt(String(intent.intent.max));
          if (!p) r.errors.push(`${where}: ${name} is not registered in the ParameterStore`);
          else if (min > max) r.errors.push(`${where}: ${name}: bounds are inverted`);
          else if (p.value < min || p.value > max)
            r.errors.push(
              `${where}: ${name}: its value ${formatAmount(p.unit, p.value)} would lie outside the new bounds`,
            );
          else {
            r.warnings.push(
              `${where}: ${name} bounds [${formatAmount(p.unit, p.min)}, ${formatAmount(p.unit, p.max)}] → [${formatAmount(p.unit, min)}, ${formatAmount(p.unit, max)}]`,
            );
            running.set(name, { ...p, min, max });
          }
        } else if (intent.kind === "schedule-cu-definition") {
          seen++;
          problemsOfRedefinition(
            sim,
            BigInt(String(intent.intent.flopsPerUnit)),
            BigInt(String(intent.intent.usdPerUnit)),
            now,
          ).forEach((p) => (p.ok ? r.info : r.errors).push(`${where}: ${p.text}`));
        } else if (intent.kind === "set-setting") {
          seen++;
          const spec = ctx.settings.find((s) => s.name === intent.intent.setting);
          if (!spec || spec.unit === "Address") continue;
          const value = BigInt(String(intent.intent.value));
          if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
            r.errors.push(
              `${where}: ${spec.name}: ${formatAmount(spec.unit, value)} is outside [${formatAmount(spec.unit, spec.min ?? 0n)}, ${spec.max !== undefined ? formatAmount(spec.unit, spec.max) : "∞"}]`,
            );
          } else {
            r.info.push(`${where}: ${spec.name} → ${formatAmount(spec.unit, value)} within its bounds`);
          }
        }
      }
    });
    if (seen === 0) r.info.push("no parameter or setting change to check");
    return r;
  },
};

/** The first second of the calendar quarter after `t` (UTC), as QuarterCalendar computes it. */
export function nextQuarterStart(t: bigint): bigint {
  const d = new Date(Number(t) * 1000);
  const firstMonth = Math.floor(d.getUTCMonth() / 3) * 3;
  return BigInt(Date.UTC(d.getUTCFullYear(), firstMonth + 3, 1) / 1000);
}

/** A CU redefinition judged against the definition it follows, the governed step limit and pending epochs. */
function problemsOfRedefinition(
  sim: Parameters<Check["check"]>[1],
  flops: bigint,
  usd: bigint,
  now: bigint,
): { ok: boolean; text: string }[] {
  const out: { ok: boolean; text: string }[] = [];
  const epochs = sim.before.settings
    .filter((s) => s.name.startsWith("cu.definitions["))
    .map((s) => {
      const v = String(s.value);
      const get = (name: string) => BigInt(new RegExp(`(?:^|, )${name}=(\\d+)`).exec(v)?.[1] ?? "0");
      return {
        epoch: BigInt(s.name.slice("cu.definitions[".length, -1)),
        startsAt: get("startsAt"),
        flops: get("flopsPerUnit"),
        usd: get("usdPerUnit"),
      };
    })
    .sort((a, b) => (a.epoch < b.epoch ? -1 : 1));
  const last = epochs[epochs.length - 1];
  if (!last) return [{ ok: false, text: "no CU definition found on chain to compare with" }];
  if (last.startsAt > now) {
    out.push({
      ok: false,
      text: `CU definition epoch ${last.epoch} is already pending (from ${iso(last.startsAt)}): cancel it first`,
    });
  }
  const maxBps = sim.before.parameters.find((p) => p.name === "cu.maxRedefinitionBps")?.value;
  if (maxBps === undefined) return [...out, { ok: false, text: "cu.maxRedefinitionBps is not registered" }];
  for (const [name, unit, oldValue, newValue] of [
    ["flopsPerUnit", "Flops", last.flops, flops],
    ["usdPerUnit", "Usd8", last.usd, usd],
  ] as const) {
    const maxDelta = (oldValue * maxBps) / 10_000n;
    const delta = newValue > oldValue ? newValue - oldValue : oldValue - newValue;
    const show = (v: bigint) => formatAmount(unit, v);
    out.push(
      delta > maxDelta
        ? {
            ok: false,
            text: `CU ${name} ${show(oldValue)} → ${show(newValue)} exceeds the redefinition limit of ${show(maxDelta)} (cu.maxRedefinitionBps ${maxBps})`,
          }
        : { ok: true, text: `CU ${name} ${show(oldValue)} → ${show(newValue)} within ±${show(maxDelta)}` },
    );
  }
  out.push({
    ok: true,
    text: `the new CU definition takes effect at ${iso(nextQuarterStart(now))} (next quarter boundary)`,
  });
  return out;
}
