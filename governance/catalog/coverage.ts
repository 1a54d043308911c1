import { decodeBytes32String } from "ethers";
import { contractInterface, stateChangingFunctions } from "../abis.js";
import type { Client } from "../client.js";
import { ROLES } from "../contracts.js";
import { parameterKey, STEP_KINDS, UNITS, type FunctionSpec, type ParameterSpec, type SettingSpec } from "./types.js";

/** A catalog to check (defaults to the project's). */
export interface CatalogUnderTest {
  parameters: readonly ParameterSpec[];
  settings: readonly SettingSpec[];
  functions: readonly FunctionSpec[];
}

/** What is missing from or wrong in the catalog, compared with a live deployment. */
export interface CatalogCoverage {
  /** Restricted functions (contract.signature) with neither a FunctionSpec nor a SettingSpec setter. */
  undescribedFunctions: string[];
  /** Keys registered in the ParameterStore with no ParameterSpec. */
  uncataloguedParameters: string[];
  /** ParameterSpecs whose key is not registered on chain. */
  unregisteredParameters: string[];
  /**
   * ParameterSpecs whose unit or rules differ from the chain's. The catalog holds the rules registered at
   * deployment; on a live network governance may have changed them since, which this reports as drift.
   */
  mismatchedParameters: string[];
  /** Entries that point at nothing: an undeployed contract, a function or getter not in the ABI. */
  danglingEntries: string[];
  /** How many restricted functions were found (for the test to show it looked). */
  restrictedCount: number;
}

/**
 * Compare the catalog with a deployment. Restricted functions are derived as the access matrix does: every
 * state-changing function in each deployed contract's ABI, minus those listed as permissionless (with a
 * reason, in test/access/permissionless.ts), minus those the authority maps to PUBLIC_ROLE (user-facing and
 * pausable). Each must be described by a FunctionSpec or be the setter of a SettingSpec.
 */
export async function catalogCoverage(
  client: Client,
  catalog: CatalogUnderTest,
  permissionless: Record<string, Record<string, string>>,
): Promise<CatalogCoverage> {
  const d = client.deployment;
  const { authority, parameters } = client.core;
  const out: CatalogCoverage = {
    undescribedFunctions: [],
    uncataloguedParameters: [],
    unregisteredParameters: [],
    mismatchedParameters: [],
    danglingEntries: [],
    restrictedCount: 0,
  };

  // Restricted functions → catalog entries.
  for (const [name, address] of Object.entries(d.contracts)) {
    const iface = contractInterface(name);
    if (!iface) {
      out.danglingEntries.push(`deployment contract ${name} has no known ABI`);
      continue;
    }
    const managed = name !== "STAB3LAuthority" && iface.getFunction("authority()") !== null;
    for (const fn of stateChangingFunctions(name)) {
      const signature = fn.format("sighash");
      if (permissionless[name]?.[signature] !== undefined) continue;
      if (managed && (await authority.getTargetFunctionRole(address, fn.selector)) === ROLES.PUBLIC) continue;
      out.restrictedCount++;
      const described =
        catalog.functions.some((f) => f.contract === name && f.signature === signature) ||
        catalog.settings.some((s) => s.contract === name && s.setter === fn.name);
      if (!described) out.undescribedFunctions.push(`${name}.${signature}`);
    }
  }

  // Catalog entries → something deployed.
  for (const f of catalog.functions) {
    const iface = contractInterface(f.contract);
    if (!d.contracts[f.contract])
      out.danglingEntries.push(`function ${f.contract}.${f.signature}: contract not deployed`);
    else if (!iface?.getFunction(f.signature)) {
      out.danglingEntries.push(`function ${f.contract}.${f.signature}: not in the contract's ABI`);
    }
  }
  for (const s of catalog.settings) {
    const address = d.contracts[s.contract];
    const iface = contractInterface(s.contract);
    if (!address || !iface) {
      out.danglingEntries.push(`setting ${s.name}: contract ${s.contract} not deployed`);
      continue;
    }
    const setter = iface.getFunction(s.setter);
    if (!setter) out.danglingEntries.push(`setting ${s.name}: no setter ${s.setter} in ${s.contract}`);
    const getter = iface.getFunction(s.getter);
    if (!getter || getter.inputs.length > 1) {
      out.danglingEntries.push(
        `setting ${s.name}: no getter ${s.getter} (without arguments or keyed by one) in ${s.contract}`,
      );
      continue;
    }
    if (getter.inputs.length === 1) continue; // keyed (e.g. per asset): its keys come from events when read
    try {
      await client.chain.provider.call({ to: address, data: iface.encodeFunctionData(getter, []) });
    } catch {
      out.danglingEntries.push(`setting ${s.name}: ${s.contract}.${s.getter}() reverts`);
    }
  }
  for (const p of catalog.parameters) {
    for (const reader of p.readBy) {
      if (!d.contracts[reader])
        out.danglingEntries.push(`parameter ${p.key}: read by ${reader}, which is not deployed`);
    }
  }

  // Parameters both ways, with their rules.
  const onChain = (await parameters.parameterKeys()).map((k) => decodeBytes32String(k));
  for (const key of onChain) if (!catalog.parameters.some((p) => p.key === key)) out.uncataloguedParameters.push(key);
  for (const p of catalog.parameters) {
    if (!onChain.includes(p.key)) {
      out.unregisteredParameters.push(p.key);
      continue;
    }
    const info = await parameters.parameterInfo(parameterKey(p.key));
    const problems: string[] = [];
    if (UNITS[Number(info.unit)] !== p.unit) problems.push(`unit ${UNITS[Number(info.unit)]} ≠ ${p.unit}`);
    if (info.rules.min !== p.min) problems.push(`min ${info.rules.min} ≠ ${p.min}`);
    if (info.rules.max !== p.max) problems.push(`max ${info.rules.max} ≠ ${p.max}`);
    if (STEP_KINDS[Number(info.rules.stepKind)] !== p.stepKind) problems.push(`stepKind differs`);
    if (info.rules.maxStep !== p.maxStep) problems.push(`maxStep ${info.rules.maxStep} ≠ ${p.maxStep}`);
    if (Number(info.rules.cooldown) !== p.cooldown) problems.push(`cooldown ${info.rules.cooldown} ≠ ${p.cooldown}`);
    if (problems.length) out.mismatchedParameters.push(`${p.key}: ${problems.join(", ")}`);
  }
  return out;
}
