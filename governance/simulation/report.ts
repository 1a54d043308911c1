import { readFileSync } from "node:fs";
import { z } from "zod";
import { sdkContext, addressName, type SdkContext } from "../context.js";
import type { DeploymentIdentity } from "../deployment.js";
import { InputError } from "../errors.js";
import { assertSameDeployment, deploymentIdentitySchema, formatIdentity } from "../identity.js";
import { callLines } from "../decode/proposal.js";
import { flattenState, type StateCategory } from "../state.js";
import type { SimulationReport } from "./types.js";

/** A fact of the governance state before and after the proposal (every fact, changed or not). */
export interface StateRow {
  category: StateCategory;
  subject: string;
  field: string;
  before?: string;
  after?: string;
  changed: boolean;
}

/** Every fact of the before and after states, joined (unchanged ones included, changed ones marked). */
export function stateRows(report: SimulationReport, ctx: SdkContext): StateRow[] {
  const key = (e: { category: string; subject: string; field: string }) => `${e.category}|${e.subject}|${e.field}`;
  const before = new Map(flattenState(report.simulation.before, ctx).map((e) => [key(e), e]));
  const after = new Map(flattenState(report.simulation.after, ctx).map((e) => [key(e), e]));
  const rows: StateRow[] = [];
  for (const [k, b] of before) {
    const a = after.get(k);
    rows.push({
      category: b.category,
      subject: b.subject,
      field: b.field,
      before: b.display,
      after: a?.display,
      changed: a?.value !== b.value,
    });
  }
  for (const [k, a] of after) {
    if (!before.has(k)) {
      rows.push({ category: a.category, subject: a.subject, field: a.field, after: a.display, changed: true });
    }
  }
  return rows;
}

/** JSON-safe copy: bigints become decimal strings. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === "object") {
    if ("toArray" in value && typeof (value as { toArray: unknown }).toArray === "function") {
      return jsonSafe((value as { toArray(): unknown[] }).toArray());
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== "function") out[k] = jsonSafe(v);
    return out;
  }
  return value;
}

/** Version of the JSON report; 1 did not name its deployment. */
export const REPORT_VERSION = 2;

/** The head of a JSON report that says what it is and which deployment it describes. */
const reportHeadSchema = z.object({
  kind: z.literal("stab3l.simulation-report"),
  version: z.literal(REPORT_VERSION),
  deployment: deploymentIdentitySchema,
});

/**
 * Read a JSON report and refuse it unless it describes `connected` (a report of another deployment, e.g. of
 * a local node since restarted, describes state that is not this one's). Reports without an identity
 * (version 1) are refused with how to make them again.
 */
export function readSimulationReport(path: string, connected: DeploymentIdentity): Record<string, unknown> {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch (cause) {
    throw new InputError(`cannot read simulation report ${path}`, { cause });
  }
  if (raw?.kind === "stab3l.simulation-report" && raw.deployment === undefined) {
    throw new InputError(
      `${path} does not say which deployment it describes (report version ${String(raw.version)}): ` +
        "simulate again on this deployment with `stab3l propose simulate <spec>`",
    );
  }
  const head = reportHeadSchema.safeParse(raw);
  if (!head.success) {
    const issue = head.error.issues[0];
    throw new InputError(`${path}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  assertSameDeployment("simulation report", head.data.deployment, connected);
  return raw;
}

/** The report as a JSON document (stable field names, bigints as strings). */
export function reportJson(report: SimulationReport): Record<string, unknown> {
  const ctx = sdkContext(report.deployment);
  const s = report.simulation;
  return jsonSafe({
    kind: "stab3l.simulation-report",
    version: REPORT_VERSION,
    deployment: report.identity,
    title: report.title,
    ok: report.ok,
    critical: report.critical,
    proposal: {
      ids: report.subject.decoded.ids,
      description: report.subject.proposal.description,
      actions: report.subject.decoded.actions.map((a, i) => ({
        index: i,
        target: a.target,
        targetName: a.targetName,
        value: a.value,
        data: a.data,
        function: a.function.signature ?? a.function.selector,
        intent: a.intent ? { kind: a.intent.kind, ...a.intent.intent } : undefined,
        summary: a.intent?.summary ?? `${a.targetName}.${a.function.text}`,
        changes: a.intent?.changes ?? [],
        warnings: a.warnings,
      })),
    },
    simulation: {
      mode: s.mode,
      chainId: s.chainId,
      blockNumber: s.blockNumber,
      proposalId: s.proposalId,
      proposer: s.proposer,
      voters: s.voters,
      executed: s.executed,
      executionTime: s.executionTime,
      eta: s.eta,
      stoppedAt: s.stoppedAt,
      durationMs: s.durationMs,
      gas: s.gas,
      steps: s.steps.map((st) => ({ ...st, error: st.error?.text })),
    },
    actions: s.actions.map((a) => ({
      index: a.index,
      target: a.target,
      summary: a.summary,
      success: a.success ?? null,
      error: a.error?.text,
      events: a.events.map((e) => e.text),
    })),
    events: s.events.map((e) => ({
      action: e.action,
      contract: e.contract ?? e.address,
      name: e.name,
      args: Object.fromEntries(e.args.map((x) => [x.name, x.display])),
      text: e.text,
    })),
    changes: s.changes,
    state: stateRows(report, ctx),
    checks: report.checks,
  }) as Record<string, unknown>;
}

const ICON = { pass: "✅", warn: "⚠️", fail: "❌" } as const;

function esc(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The report as Markdown, for a forum post or a PR: verdict, actions, checks, state changes, events, gas. */
export function reportMarkdown(report: SimulationReport): string {
  const ctx = sdkContext(report.deployment);
  const s = report.simulation;
  const ids = report.subject.decoded.ids;
  const out: string[] = [];
  out.push(`# Simulation: ${report.title}`);
  out.push("");
  out.push(
    `**Verdict:** ${report.ok ? "✅ passes" : "❌ fails"}${report.critical ? ` · ⚠️ ${report.critical} critical warning(s)` : ""} · ${s.mode === "fork" ? "fork" : "local node"} chain ${s.chainId} at block ${s.blockNumber} · deployment ${formatIdentity(report.identity)} · ${s.durationMs} ms`,
  );
  out.push("");
  out.push("| id | value |");
  out.push("|---|---|");
  out.push(`| proposal id | ${s.proposalId ?? "(not proposed)"} |`);
  out.push(`| proposal hash | \`0x${ids.proposalHash.toString(16).padStart(64, "0")}\` |`);
  out.push(`| Timelock operation | \`${ids.timelockOperationId}\` |`);
  out.push(`| proposer | ${addressName(ctx, s.proposer)} |`);
  out.push("");
  out.push("## Actions");
  out.push("");
  report.subject.decoded.actions.forEach((a, i) => {
    const result = s.actions[i];
    const icon = result?.success === true ? "✅" : result?.success === false ? "❌" : "➖";
    const lines = callLines(a);
    out.push(`${i + 1}. ${icon} ${lines[0].trim()}`);
    for (const l of lines.slice(1)) out.push(`   - ${l.trim()}`);
    if (result?.error) out.push(`   - error: \`${result.error.text}\``);
  });
  out.push("");
  out.push("## Checks");
  out.push("");
  for (const c of report.checks) {
    out.push(`### ${ICON[c.status]} ${c.title}`);
    for (const e of c.errors) out.push(`- ❌ ${e}`);
    for (const w of c.warnings) out.push(`- ⚠️ ${w}`);
    for (const i of c.info) out.push(`- ✅ ${i}`);
    out.push("");
  }
  out.push("## State changes");
  out.push("");
  if (s.changes.length === 0) out.push("No governed value changed.");
  else {
    out.push("| kind | subject | field | before | after |");
    out.push("|---|---|---|---|---|");
    for (const c of s.changes) {
      out.push(
        `| ${c.category} | ${esc(c.subject)} | ${c.field} | ${esc(c.beforeDisplay ?? "—")} | ${esc(c.afterDisplay ?? "—")} |`,
      );
    }
  }
  out.push("");
  const rows = stateRows(report, ctx);
  const section = (title: string, categories: StateCategory[]) => {
    const selected = rows.filter((r) => categories.includes(r.category));
    out.push(
      `<details><summary>${title} (${selected.length}, ${selected.filter((r) => r.changed).length} changed)</summary>`,
    );
    out.push("");
    out.push("| subject | field | before | after |");
    out.push("|---|---|---|---|");
    for (const r of selected) {
      out.push(
        `| ${esc(r.subject)} | ${r.field} | ${esc(r.before ?? "—")} | ${r.changed ? "**" : ""}${esc(r.after ?? "—")}${r.changed ? "**" : ""} |`,
      );
    }
    out.push("");
    out.push("</details>");
    out.push("");
  };
  section("Every parameter", ["parameter"]);
  section("Every setting", ["setting"]);
  section("Every role and permission", [
    "role-member",
    "role-config",
    "function-role",
    "target",
    "timelock-role",
    "pause",
  ]);
  section("Treasury balances", ["balance"]);
  out.push("## Events");
  out.push("");
  if (s.events.length === 0) out.push("No events (the proposal did not execute).");
  for (const e of s.events) out.push(`- ${e.action !== undefined ? `[action ${e.action + 1}] ` : ""}\`${e.text}\``);
  out.push("");
  out.push("## Gas");
  out.push("");
  out.push("| step | from | gas | result |");
  out.push("|---|---|---|---|");
  for (const st of s.steps) {
    out.push(
      `| ${st.step} | ${addressName(ctx, st.from)} | ${st.gasUsed} | ${st.success ? "ok" : `❌ ${esc(st.error?.text ?? "")}`}${st.detail ? ` (${st.detail})` : ""} |`,
    );
  }
  out.push(`| total | | ${s.gas.total} | |`);
  out.push("");
  return out.join("\n");
}
