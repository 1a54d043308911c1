import { parameterKey } from "../../governance/catalog/index.js";
import { InputError } from "../../governance/errors.js";
import { formatDuration } from "../../governance/units.js";
import { resolveFunctions } from "../../governance/context.js";
import {
  encodeGuardianPause,
  pausableContracts,
  readPauses,
  resolveContract,
  WHOLE_TARGET,
  type PauseRecord,
} from "../../governance/guardian.js";
import type { Context } from "../context.js";
import { createSafeTx, type SafeFileResult } from "./safe.js";

export interface GuardianStatus {
  guardianSafe: string;
  maxPauseDuration: bigint;
  repauseCooldown: bigint;
  pausable: { name: string; address: string }[];
  pauses: PauseRecord[];
}

/** What guardians can pause, and every pause with its state. */
export async function guardianStatus(ctx: Context): Promise<GuardianStatus> {
  const chain = await ctx.chain();
  const core = await ctx.contracts();
  return {
    guardianSafe: ctx.deployment.safes.guardian,
    maxPauseDuration: await core.parameters.get(parameterKey("guardian.maxPauseDuration")),
    repauseCooldown: await core.parameters.get(parameterKey("guardian.repauseCooldown")),
    pausable: await pausableContracts(ctx.deployment, chain.provider),
    pauses: await readPauses(ctx.deployment, chain.provider),
  };
}

export interface PauseRequest {
  target: string; // contract name, address, or "all"
  functions?: string[]; // function names or signatures; empty = whole contract
  reason: string;
  viaSafe: boolean;
}

/**
 * Draft a guardian pause as a guardian Safe transaction signed by the acting owner. Every check runs before
 * anything is signed: known and pausable target, known functions, not already paused, not within the re-pause
 * cooldown, a reason given.
 */
export async function guardianPause(ctx: Context, req: PauseRequest): Promise<SafeFileResult> {
  if (!req.viaSafe) throw new InputError("guardian pauses are made by the guardian Safe: add --via-safe");
  const reason = req.reason.trim();
  if (!reason) throw new InputError("--reason is required: say why, reviewers read it on chain");
  if (reason.length > 500) throw new InputError("--reason is longer than 500 characters");
  const chain = await ctx.chain();
  const core = await ctx.contracts();
  const pausable = await pausableContracts(ctx.deployment, chain.provider);
  const targets =
    req.target === "all"
      ? pausable
      : [resolveContract(ctx.deployment, req.target)].map((t) => {
          if (!pausable.some((p) => p.address === t.address)) {
            throw new InputError(`${t.name} is not governed by the authority, so a pause would not reach it`);
          }
          return t;
        });
  if (req.target === "all" && req.functions?.length) throw new InputError("--functions needs one target, not all");

  const now = BigInt((await chain.provider.getBlock("latest"))!.timestamp);
  const cooldown = await core.parameters.get(parameterKey("guardian.repauseCooldown"));
  const calls = [];
  for (const t of targets) {
    const selectors = resolveFunctions(t.name, req.functions ?? []).map((fn) => fn.selector);
    // The contract's guardian window: open → the new pause ends with it; closed → the cooldown applies.
    const windowEnd = await core.authority.guardianWindowEnd(t.address);
    if (windowEnd !== 0n && windowEnd <= now && now < windowEnd + cooldown) {
      throw new InputError(
        `${t.name}'s last guardian window closed too recently: guardians may pause it again in ${formatDuration(windowEnd + cooldown - now)}`,
      );
    }
    for (const selector of selectors.length ? selectors : [WHOLE_TARGET]) {
      const until = await core.authority.pausedUntil(t.address, selector);
      const what = selector === WHOLE_TARGET ? t.name : `${t.name}.${selector}`;
      if (until > now)
        throw new InputError(
          `${what} is already paused (until ${until === 2n ** 64n - 1n ? "governance unpauses" : new Date(Number(until) * 1000).toISOString()})`,
        );
    }
    calls.push({
      to: ctx.deployment.contracts.STAB3LAuthority,
      value: 0n,
      data: encodeGuardianPause(core.authority.interface as never, t.address, selectors, reason),
    });
  }
  const what =
    req.target === "all"
      ? "all contracts"
      : targets[0].name + (req.functions?.length ? `.{${req.functions.join(",")}}` : "");
  return createSafeTx(ctx, "guardian", calls, `Guardian pause ${what}: ${reason}`);
}
