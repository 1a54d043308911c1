import { Interface, type Provider } from "ethers";
import { signatureOf } from "./context.js";
import { coreContracts } from "./contracts.js";
import type { Deployment } from "./deployment.js";
import { nameOf } from "./deploy/verify.js";
import { InputError } from "./errors.js";

/** Selector meaning "the whole target". */
export const WHOLE_TARGET = "0x00000000";
const CONFIRMED = 2n ** 64n - 1n;

/** One pause key and its state now. */
export interface PauseRecord {
  target: string;
  targetName: string;
  selector: string;
  /** Function signature when known, "(whole contract)" for WHOLE_TARGET. */
  functionName: string;
  pausedUntil: bigint;
  status: "active" | "confirmed" | "expired" | "lifted";
  lastReason: string;
  pausedBy: string;
}

/**
 * Every pause key ever touched since the deployment's start block, with its state now (read from the
 * authority's GuardianPaused / PauseConfirmed / Unpaused events and confirmed with pausedUntil).
 */
export async function readPauses(d: Deployment, provider: Provider): Promise<PauseRecord[]> {
  const { authority } = coreContracts(d, provider);
  const now = BigInt((await provider.getBlock("latest"))!.timestamp);
  const keys = new Map<string, { target: string; selector: string; reason: string; by: string }>();
  const remember = (target: string, selector: string, reason?: string, by?: string) => {
    const k = `${target.toLowerCase()}:${selector}`;
    const prev = keys.get(k);
    keys.set(k, { target, selector, reason: reason ?? prev?.reason ?? "", by: by ?? prev?.by ?? "" });
  };
  for (const e of await authority.queryFilter(authority.filters.GuardianPaused(), d.startBlock.number)) {
    remember(e.args.target, e.args.selector, e.args.reason, e.args.guardian);
  }
  for (const e of await authority.queryFilter(authority.filters.PauseConfirmed(), d.startBlock.number)) {
    remember(e.args.target, e.args.selector, undefined, "governance");
  }
  for (const e of await authority.queryFilter(authority.filters.Unpaused(), d.startBlock.number))
    remember(e.args.target, e.args.selector);
  const out: PauseRecord[] = [];
  for (const { target, selector, reason, by } of keys.values()) {
    const until = await authority.pausedUntil(target, selector);
    const status = until === 0n ? "lifted" : until === CONFIRMED ? "confirmed" : until > now ? "active" : "expired";
    out.push({
      target,
      targetName: nameOf(d, target),
      selector,
      functionName:
        selector === WHOLE_TARGET ? "(whole contract)" : (signatureOf(nameOf(d, target), selector) ?? selector),
      pausedUntil: until,
      status,
      lastReason: reason,
      pausedBy: by ? nameOf(d, by) : "",
    });
  }
  return out;
}

/**
 * The contracts of a deployment that the authority governs (their `authority()` is it), i.e. what guardians
 * can pause.
 */
export async function pausableContracts(
  d: Deployment,
  provider: Provider,
): Promise<{ name: string; address: string }[]> {
  const probe = new Interface(["function authority() view returns (address)"]);
  const out: { name: string; address: string }[] = [];
  for (const [name, address] of Object.entries(d.contracts)) {
    if (name === "STAB3LAuthority") continue;
    try {
      const result = await provider.call({ to: address, data: probe.encodeFunctionData("authority") });
      const [authority] = probe.decodeFunctionResult("authority", result);
      if (String(authority).toLowerCase() === d.contracts.STAB3LAuthority.toLowerCase()) out.push({ name, address });
    } catch {
      // not AccessManaged
    }
  }
  return out;
}

/** Resolve a contract name or address of the deployment to an address; InputError when unknown. */
export function resolveContract(d: Deployment, nameOrAddress: string): { name: string; address: string } {
  const byName = d.contracts[nameOrAddress];
  if (byName) return { name: nameOrAddress, address: byName };
  const entry = Object.entries(d.contracts).find(([, a]) => a.toLowerCase() === nameOrAddress.toLowerCase());
  if (entry) return { name: entry[0], address: entry[1] };
  throw new InputError(
    `"${nameOrAddress}" is not a contract of this deployment (known: ${Object.keys(d.contracts).join(", ")})`,
  );
}

/** Encode the guardian's pause call. */
export function encodeGuardianPause(
  authorityInterface: Interface,
  target: string,
  selectors: string[],
  reason: string,
): string {
  return authorityInterface.encodeFunctionData("guardianPause", [target, selectors, reason]);
}
