import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { getAddress, Wallet } from "ethers";
import { InputError } from "../../governance/errors.js";
import { openSafe } from "../../governance/safe/infrastructure.js";
import {
  proposeCall,
  proposalIds,
  reviseIfProposed,
  type EarlierProposal,
  type ProposalIds,
} from "../../governance/lifecycle.js";
import { readParameter } from "../../governance/parameters.js";
import { compileSpec } from "../../governance/specs/compile.js";
import { loadSpec, parseSpec } from "../../governance/specs/load.js";
import type { ProposalSpec } from "../../governance/specs/schema.js";
import { reportJson, reportMarkdown } from "../../governance/simulation/report.js";
import { simulateOnFork } from "../../governance/simulation/fork.js";
import type { SimulationReport } from "../../governance/simulation/types.js";
import { formatAmount, formatDuration, parseAmount } from "../../governance/units.js";
import { progress } from "../output.js";
import type { SimulationSummary } from "../ui/models.js";
import type { Context } from "../context.js";
import { createSafeTx, type SafeFileResult } from "./safe.js";

export interface DraftChange {
  key: string;
  value: string;
}

/** Parse "--set key=value" arguments. */
export function parseSetArgs(sets: string[]): DraftChange[] {
  const changes = sets.map((s) => {
    const eq = s.indexOf("=");
    if (eq <= 0 || eq === s.length - 1)
      throw new InputError(`--set ${s}: expected key=value, e.g. --set guardian.repauseCooldown=2d`);
    return { key: s.slice(0, eq).trim(), value: s.slice(eq + 1).trim() };
  });
  // Two changes of one parameter in a proposal: the second would hit the parameter's cooldown on execution.
  const seen = new Set<string>();
  for (const c of changes) {
    if (seen.has(c.key)) throw new InputError(`--set ${c.key} is given twice: one value per parameter`);
    seen.add(c.key);
  }
  return changes;
}

/**
 * Check a proposed value against the parameter's rules as they stand now (bounds, step, cooldown) and return
 * the raw on-chain integer, or throw a one-line InputError.
 */
export async function checkChange(ctx: Context, change: DraftChange): Promise<bigint> {
  const core = await ctx.contracts();
  const p = await readParameter(core, change.key);
  let value: bigint;
  try {
    value = parseAmount(p.unit, change.value);
  } catch (cause) {
    throw new InputError(`${change.key}: ${(cause as Error).message}`, { cause });
  }
  const show = (v: bigint) => formatAmount(p.unit, v);
  if (value < p.min || value > p.max)
    throw new InputError(`${change.key}: ${show(value)} is outside its bounds ${show(p.min)} .. ${show(p.max)}`);
  const delta = value > p.value ? value - p.value : p.value - value;
  const maxDelta =
    p.stepKind === "Absolute" ? p.maxStep : p.stepKind === "RelativeBps" ? (p.value * p.maxStep) / 10_000n : undefined;
  if (maxDelta !== undefined && delta > maxDelta) {
    throw new InputError(
      `${change.key}: a move from ${show(p.value)} to ${show(value)} exceeds the maximum step of ${show(maxDelta)}`,
    );
  }
  if (p.pending) throw new InputError(`${change.key}: a scheduled change is pending; cancel it first`);
  const chain = await ctx.chain();
  const now = BigInt((await chain.provider.getBlock("latest"))!.timestamp);
  if (p.lastUpdateAt > 0n && now < p.lastUpdateAt + p.cooldown) {
    throw new InputError(
      `${change.key}: changed too recently; its cooldown ends in ${formatDuration(p.lastUpdateAt + p.cooldown - now)}`,
    );
  }
  return value;
}

function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 48) || "proposal"
  );
}

export interface DraftResult {
  file: string;
  spec: ProposalSpec;
}

/** Write a spec file in proposals/ for parameter changes, after checking each against its rules. */
export async function proposeDraft(
  ctx: Context,
  input: { title: string; description?: string; changes: DraftChange[]; dir?: string; force?: boolean },
): Promise<DraftResult> {
  if (input.changes.length === 0) throw new InputError("nothing to propose: add --set key=value");
  const title = input.title.trim();
  if (title.length < 5) throw new InputError("--title needs at least 5 characters");
  for (const c of input.changes) await checkChange(ctx, c);
  const date = new Date().toISOString().slice(0, 10).replace(/-/g, "");
  const file = join(input.dir ?? "proposals", `${date}-${slugOf(title)}.json`);
  if (existsSync(file) && !input.force) throw new InputError(`${file} exists: choose another title or pass --force`);
  const spec = parseSpec(
    {
      title,
      description:
        input.description?.trim() || input.changes.map((c) => `- Set \`${c.key}\` to ${c.value}.`).join("\n"),
      network: ctx.deployment.network,
      actions: input.changes.map((c) => ({ kind: "set-parameter", parameter: c.key, value: c.value })),
    },
    basename(file),
  );
  compileSpec(spec, ctx.sdk); // fails now, not later, if anything does not compile
  mkdirSync(input.dir ?? "proposals", { recursive: true });
  writeFileSync(file, JSON.stringify(spec, null, 2) + "\n");
  return { file, spec };
}

/** The report as the console shows it: checks by level and the facts that changed. */
export function summarizeReport(report: SimulationReport, reportFile?: string): SimulationSummary {
  return {
    title: report.title,
    passed: report.ok,
    gasUsed: report.simulation.gas.total,
    checks: report.checks.flatMap((c) => [
      ...c.errors.map((m) => ({ name: c.title, level: "error" as const, message: m })),
      ...c.warnings.map((m) => ({ name: c.title, level: "warning" as const, message: m })),
      ...(c.errors.length + c.warnings.length === 0
        ? [{ name: c.title, level: "ok" as const, message: c.info[0] ?? "passes" }]
        : []),
    ]),
    changes: report.simulation.changes.map((ch) => ({
      name: ch.field === "value" ? ch.subject : `${ch.subject} ${ch.field}`,
      before: ch.beforeDisplay ?? "—",
      after: ch.afterDisplay ?? "—",
    })),
    reportFile,
  };
}

export interface SimulateResult {
  spec: string;
  passed: boolean;
  errors: number;
  warnings: number;
  markdownFile: string;
  jsonFile: string;
  report: Record<string, unknown>;
  markdown: string;
  summary: SimulationSummary;
}

/**
 * Simulate a spec on a throwaway in-process fork of the connected node (local or remote alike): the node is
 * only read, so an interrupted simulation (Ctrl-C, kill, a crash) leaves nothing on it. Writes the Markdown
 * and JSON reports (which name the deployment) to .stab3l/reports/.
 */
export async function proposeSimulate(
  ctx: Context,
  specFile: string,
): Promise<SimulateResult & { raw: SimulationReport }> {
  const spec = loadSpec(specFile);
  const compiled = compileSpec(spec, ctx.sdk);
  // Content proposed and cancelled (or over) before is simulated as the revision that would be proposed.
  const { proposal } = await reviseIfProposed(await ctx.client(), compiled.proposal);
  progress(ctx, `simulating on an in-process fork of ${ctx.rpcUrl}: propose → vote → queue → execute`);
  const report = await simulateOnFork(ctx.rpcUrl, ctx.deployment, { proposal, spec });
  const dir = join(".stab3l", "reports");
  mkdirSync(dir, { recursive: true });
  const base = join(dir, basename(specFile).replace(/\.(json|ya?ml)$/, ""));
  const json = reportJson(report);
  const markdown = reportMarkdown(report);
  writeFileSync(`${base}.json`, JSON.stringify(json, null, 2) + "\n");
  writeFileSync(`${base}.md`, markdown);
  const errors = report.checks.reduce((n, c) => n + c.errors.length, 0);
  const warnings = report.checks.reduce((n, c) => n + c.warnings.length, 0);
  return {
    spec: specFile,
    passed: report.ok,
    errors,
    warnings,
    markdownFile: `${base}.md`,
    jsonFile: `${base}.json`,
    report: json,
    markdown,
    summary: summarizeReport(report, `${base}.md`),
    raw: report,
  };
}

export interface SubmitResult extends SafeFileResult {
  ids: ProposalIds;
  /** Earlier proposals of the same content, all over (their description got a "Revision n" line). */
  earlier: EarlierProposal[];
  simulation: { passed: boolean; markdownFile: string };
}

/**
 * Simulate a spec and, only if every check passes, draft the core Safe transaction that proposes it, signed
 * by the acting owner. Prints the Safe transaction hash, the Timelock operation id and the proposal id it will
 * get, side by side.
 */
export async function proposeSubmit(ctx: Context, specFile: string, viaSafe: boolean): Promise<SubmitResult> {
  if (!viaSafe) throw new InputError("proposals are submitted by the core Safe: add --via-safe");
  // Who signs is checked before the simulation, so a missing key or a non-owner learns it in a second.
  const owner = new Wallet(await ctx.signerKey()).address;
  const core = await openSafe(await ctx.chain(), ctx.deployment.safes.core, ctx.deployment.safeContracts);
  if (!(await core.isOwner(owner)))
    throw new InputError(`${owner} is not an owner of the core Safe ${ctx.deployment.safes.core}`);
  const sim = await proposeSimulate(ctx, specFile);
  if (!sim.passed) {
    throw new InputError(`simulation failed ${sim.errors} check(s); nothing was signed (report: ${sim.markdownFile})`);
  }
  const spec = loadSpec(specFile);
  const client = await ctx.client();
  const { proposal, earlier, live } = await reviseIfProposed(client, compileSpec(spec, ctx.sdk).proposal);
  if (live) {
    throw new InputError(
      `"${spec.title}" is already proposal #${live.proposalId} (${live.state}); nothing was signed`,
      { details: { proposalId: live.proposalId.toString(), state: live.state } },
    );
  }
  const safe = await createSafeTx(
    ctx,
    "core",
    [proposeCall(getAddress(ctx.deployment.contracts.STAB3LGovernor), proposal)],
    `Propose: ${spec.title}`,
  );
  return {
    ...safe,
    ids: await proposalIds(client, proposal, safe.safeTxHash),
    earlier,
    simulation: { passed: sim.passed, markdownFile: sim.markdownFile },
  };
}
