import { readdirSync } from "node:fs";
import { formatUnits } from "ethers";
import { addressName } from "../governance/context.js";
import { formatAmount, formatDuration } from "../governance/units.js";
import type { Context } from "./context.js";
import { guardianPause, guardianStatus } from "./commands/guardian.js";
import { oraclesStatus } from "./commands/oracles.js";
import { paramsList } from "./commands/params.js";
import { checkChange, proposeDraft, proposeSimulate } from "./commands/propose.js";
import { proposalRow, proposalsList, proposalsShow } from "./commands/proposals.js";
import { vote } from "./commands/vote.js";
import { executeProposal, queueProposal } from "./commands/lifecycle.js";
import type { ConsoleData, ParameterRow, ProposalAction } from "./ui/models.js";
import { glyph } from "./ui/theme.js";
import { InputError } from "../governance/errors.js";

/**
 * A proposal's action lines (callLines: an action at the margin, its state changes, warnings and inner calls
 * indented under it) grouped by action, so the console numbers actions and not their details.
 */
export function groupActionLines(lines: string[]): ProposalAction[] {
  const out: ProposalAction[] = [];
  for (const line of lines) {
    if (/^\s/.test(line) && out.length > 0) out.at(-1)!.details.push(line.trim());
    else out.push({ summary: line.trim(), details: [] });
  }
  return out;
}

async function indexedBlockOf(ctx: Context): Promise<number> {
  const { createApiClient, getIndexerStatus } = await import("../governance/api/client.js");
  const status = await getIndexerStatus(createApiClient({ url: ctx.options.api!, apiKey: process.env.STAB3L_API_KEY }));
  return status.indexedBlock;
}

const until = (t: bigint) =>
  t === 2n ** 64n - 1n ? "until governance unpauses" : new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");

/**
 * The TUI's data, read and written through the same handlers as the CLI commands. Signing actions exist only
 * when the console was started with an account (--as, --keystore or the key variable); they confirm in the UI,
 * so the handlers run as if --yes was given.
 */
export async function consoleData(ctx: Context): Promise<ConsoleData> {
  let account: string | undefined;
  try {
    account = (await ctx.signer()).address;
  } catch {
    account = undefined;
  }
  const signing = new (ctx.constructor as typeof Context)({ ...ctx.options, yes: true, json: true });
  return {
    async header() {
      const chain = await ctx.chain();
      const [block, indexedBlock] = await Promise.all([
        chain.provider.getBlock("latest"),
        // With --api, lists come from the indexer: its progress tells the views when it has new data.
        ctx.options.api ? indexedBlockOf(ctx) : undefined,
      ]);
      return {
        network: ctx.deployment.network,
        chainId: ctx.deployment.chainId,
        block: block!.number,
        timestamp: block!.timestamp,
        account,
        indexedBlock,
      };
    },
    async proposals() {
      return (await proposalsList(ctx)).map(proposalRow);
    },
    async proposal(id) {
      const p = await proposalsShow(ctx, id.toString());
      return {
        ...proposalRow(p),
        proposer: addressName(ctx.sdk, p.proposer),
        description: p.description,
        actions: groupActionLines(p.actions),
      };
    },
    async parameters(): Promise<ParameterRow[]> {
      return (await paramsList(ctx)).map((p) => ({
        key: p.key,
        unit: p.unit,
        value: formatAmount(p.unit, p.value),
        bounds: `${formatAmount(p.unit, p.min)} .. ${formatAmount(p.unit, p.max)}`,
        step:
          p.stepKind === "None"
            ? "any"
            : p.stepKind === "Absolute"
              ? `±${formatAmount(p.unit, p.maxStep)}`
              : `±${Number(p.maxStep) / 100}%`,
        cooldown: formatDuration(p.cooldown),
        pending: p.pending ? `${formatAmount(p.unit, p.pending.value)} at ${until(p.pending.effectiveAt)}` : undefined,
        description: p.description,
      }));
    },
    async guardian() {
      const g = await guardianStatus(ctx);
      return {
        guardianSafe: g.guardianSafe,
        pauseLasts: `${formatDuration(g.maxPauseDuration)} unless governance confirms it`,
        pausable: g.pausable.map((p) => p.name),
        pauses: g.pauses
          .filter((p) => p.status === "active" || p.status === "confirmed")
          .map((p) => ({
            contract: p.targetName,
            functionName: p.functionName,
            until: until(p.pausedUntil),
            pausedUntil: p.pausedUntil,
            status: p.status,
          })),
      };
    },
    async oracles() {
      const o = await oraclesStatus(ctx);
      return {
        sequencer: o.sequencer.status,
        rows: o.assets.map((a) => ({
          asset: a.asset,
          price: a.priceUsd ? `$${Number(a.priceUsd).toPrecision(4)}` : undefined,
          age: a.ageSeconds !== undefined ? formatDuration(BigInt(a.ageSeconds)) : undefined,
          status: a.status,
          detail: a.detail,
        })),
        peg: o.peg,
      };
    },
    async specs() {
      try {
        return readdirSync("proposals")
          .filter((f) => /^\d{8}-.+\.(json|ya?ml)$/.test(f))
          .sort()
          .reverse()
          .map((f) => `proposals/${f}`);
      } catch {
        return [];
      }
    },
    async checkDraftValue(key, value) {
      try {
        await checkChange(ctx, { key, value });
        return undefined;
      } catch (err) {
        return err instanceof InputError ? err.message : String(err);
      }
    },
    async saveDraft(title, changes) {
      return (await proposeDraft(ctx, { title, changes })).file;
    },
    async simulate(file, onStep) {
      onStep("simulating on the node: propose → vote → queue → execute", 0, 1);
      const r = await proposeSimulate(signing, file);
      onStep("done", 1, 1);
      return r.summary;
    },
    vote: account
      ? async (id, support) => {
          const r = await vote(signing, id.toString(), support);
          return `✓ voted ${support} on #${id} with ${Number(formatUnits(r.weight, 18)).toLocaleString("en-US")} rSTB`;
        }
      : undefined,
    queue: account
      ? async (id) => {
          const r = await queueProposal(signing, id.toString(), false);
          return "eta" in r
            ? `${glyph.ok} queued #${id}: executable at ${until(r.eta)}`
            : `${glyph.ok} queued #${id} (${r.file})`;
        }
      : undefined,
    execute: account
      ? async (id) => {
          const r = await executeProposal(signing, id.toString());
          return `${glyph.ok} executed #${id} in ${r.transactionHash}`;
        }
      : undefined,
    draftPause: account
      ? async (target, reason) => (await guardianPause(signing, { target, reason, viaSafe: true })).file
      : undefined,
  };
}
