import { FunctionFragment, getAddress, isAddress, isHexString, type Interface } from "ethers";
import { contractInterface, functionBySelector } from "./abis.js";
import { FUNCTIONS, PARAMETERS, SETS, SETTINGS } from "./catalog/index.js";
import type { FunctionSpec, ParameterSpec, SetSpec, SettingSpec } from "./catalog/types.js";
import { ROLES } from "./contracts.js";
import { expectedRoles, nameOf } from "./deploy/verify.js";
import type { Deployment } from "./deployment.js";
import { InputError } from "./errors.js";

/**
 * Everything pure SDK functions (compile, decode, describe) need to know about a deployment, with no I/O:
 * addresses by name, the catalog, and role names.
 */
export interface SdkContext {
  readonly deployment: Deployment;
  readonly parameters: readonly ParameterSpec[];
  readonly settings: readonly SettingSpec[];
  readonly functions: readonly FunctionSpec[];
  readonly sets: readonly SetSpec[];
  /** Role name (upper case) → id: the authority's roles (ROLES) and every module's declared roles. */
  readonly roles: ReadonlyMap<string, bigint>;
}

/** The context of `deployment` with the project's catalog. */
export function sdkContext(deployment: Deployment): SdkContext {
  const roles = new Map<string, bigint>(Object.entries(ROLES).map(([name, id]) => [name, id]));
  for (const grant of expectedRoles()) {
    const label = grant.label.toUpperCase();
    if (!roles.has(label)) roles.set(label, grant.roleId);
  }
  return { deployment, parameters: PARAMETERS, settings: SETTINGS, functions: FUNCTIONS, sets: SETS, roles };
}

/**
 * The address a person means: a 0x address, a contract name of the deployment ("ParameterStore"),
 * "core Safe" or "guardian Safe".
 */
export function resolveAddress(ctx: SdkContext, input: string): string {
  const text: string = input.trim();
  const d = ctx.deployment;
  const lower = text.toLowerCase();
  // Fast path for addresses of the deployment (decoded intents carry them), sparing checksum keccaks.
  const known = [...Object.values(d.contracts), d.safes.core, d.safes.guardian].find((a) => a.toLowerCase() === lower);
  if (known) return known;
  if (isAddress(text as unknown)) return getAddress(text);
  if (lower === "core safe") return d.safes.core;
  if (lower === "guardian safe") return d.safes.guardian;
  const exact = d.contracts[text];
  if (exact) return exact;
  const match = Object.keys(d.contracts).find((n) => n.toLowerCase() === lower);
  if (match) return d.contracts[match];
  throw new InputError(
    `"${input}" is neither an address nor a contract of this deployment (${Object.keys(d.contracts).join(", ")}, core Safe, guardian Safe)`,
  );
}

/** A readable name for an address: a contract name, "core Safe", "delegate 2", or the address itself. */
export function addressName(ctx: SdkContext, address: string): string {
  return nameOf(ctx.deployment, address);
}

/** The deployment contract name at `address`, or undefined. */
export function contractNameAt(ctx: SdkContext, address: string): string | undefined {
  const a = address.toLowerCase();
  return Object.entries(ctx.deployment.contracts).find(([, addr]) => addr.toLowerCase() === a)?.[0];
}

/** A role id from a name ("GUARDIAN", case-insensitive) or a number. */
export function resolveRole(ctx: SdkContext, input: string | number | bigint): bigint {
  if (typeof input === "bigint") return input;
  if (typeof input === "number") {
    if (!Number.isSafeInteger(input) || input < 0) throw new InputError(`role ${input} is not a role id`);
    return BigInt(input);
  }
  const text = input.trim();
  if (/^\d+$/.test(text)) return BigInt(text);
  const id = ctx.roles.get(text.toUpperCase());
  if (id === undefined) {
    throw new InputError(`"${input}" is not a known role (${[...ctx.roles.keys()].join(", ")}, or a number)`);
  }
  return id;
}

/** The name of a role id ("GUARDIAN"), or "role N" when it has none. */
export function roleName(ctx: SdkContext, id: bigint): string {
  for (const [name, roleId] of ctx.roles) if (roleId === id) return name;
  return `role ${id}`;
}

/** The Interface of the deployment contract named `name`, or an InputError. */
export function requireInterface(name: string): Interface {
  const iface = contractInterface(name);
  if (!iface) throw new InputError(`no ABI is known for contract "${name}"`);
  return iface;
}

/**
 * Function fragments of `contract` from names ("mint"), signatures ("mint(address,uint256)") or selectors
 * ("0x40c10f19"). A bare name must be unambiguous.
 */
export function resolveFunctions(contract: string, inputs: readonly string[]): FunctionFragment[] {
  const iface = requireInterface(contract);
  return inputs.map((input) => {
    const text = input.trim();
    if (isHexString(text, 4)) {
      const fn = iface.getFunction(text);
      if (!fn) throw new InputError(`${contract} has no function with selector ${text}`);
      return fn;
    }
    try {
      const fn = iface.getFunction(text);
      if (fn) return fn;
    } catch (cause) {
      throw new InputError(`"${text}" is ambiguous in ${contract}: give the full signature`, { cause });
    }
    throw new InputError(`${contract} has no function "${text}"`);
  });
}

/** The signature of `selector` on the contract named `contract`, when known. */
export function signatureOf(contract: string | undefined, selector: string): string | undefined {
  if (!contract) return undefined;
  return functionBySelector(contract, selector)?.format("sighash");
}
