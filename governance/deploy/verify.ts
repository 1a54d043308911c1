import { id, type Provider } from "ethers";
import { coreContracts, ROLES } from "../contracts.js";
import type { Deployment } from "../deployment.js";
import { Stab3lError } from "../errors.js";
import { MODULES, type DeployModule, type RoleGrant } from "./modules.js";

/** One holder of one role, for people and tests. */
export interface RoleHolding {
  contract: string;
  role: string;
  holder: string;
  holderName: string;
}

export interface HandoverReport {
  ok: boolean;
  problems: string[];
  holdings: RoleHolding[];
}

const TIMELOCK_ROLES = {
  DEFAULT_ADMIN_ROLE: "0x0000000000000000000000000000000000000000000000000000000000000000",
  PROPOSER_ROLE: id("PROPOSER_ROLE"),
  EXECUTOR_ROLE: id("EXECUTOR_ROLE"),
  CANCELLER_ROLE: id("CANCELLER_ROLE"),
} as const;

/** Roles of the governance core, by holder name (see resolveHolder). ADMIN is the Timelock's alone. */
export const CORE_ROLES: readonly RoleGrant[] = [
  { roleId: ROLES.GUARDIAN, label: "GUARDIAN", holders: ["guardian Safe"] },
  // The rewards distributor (a protocol module) is the only minter; until it exists, nobody is.
  { roleId: ROLES.RSTB_MINTER, label: "RSTB_MINTER", holders: [] },
];

/** Every role the deployment grants: the core's and each module's, holders merged by role id. */
export function expectedRoles(modules: readonly DeployModule[] = MODULES): RoleGrant[] {
  const byId = new Map<bigint, { roleId: bigint; label: string; holders: string[] }>();
  for (const grant of [...CORE_ROLES, ...modules.flatMap((m) => m.roles)]) {
    const entry = byId.get(grant.roleId) ?? { roleId: grant.roleId, label: grant.label, holders: [] };
    for (const h of grant.holders) if (!entry.holders.includes(h)) entry.holders.push(h);
    byId.set(grant.roleId, entry);
  }
  return [...byId.values()];
}

/** The address behind a holder name: a contract name of the deployment, "core Safe" or "guardian Safe". */
export function resolveHolder(d: Deployment, holder: string): string {
  if (holder === "core Safe") return d.safes.core;
  if (holder === "guardian Safe") return d.safes.guardian;
  const address = d.contracts[holder];
  if (!address) throw new Stab3lError(`role holder "${holder}" is not a contract of this deployment`);
  return address;
}

function expectedAuthorityHolders(d: Deployment, modules: readonly DeployModule[]): Map<bigint, Set<string>> {
  const map = new Map<bigint, Set<string>>([[ROLES.ADMIN, new Set([d.contracts.TimelockController.toLowerCase()])]]);
  for (const grant of expectedRoles(modules)) {
    map.set(grant.roleId, new Set(grant.holders.map((h) => resolveHolder(d, h).toLowerCase())));
  }
  return map;
}

/** A readable name for an address of the deployment. */
export function nameOf(d: Deployment, address: string): string {
  const a = address.toLowerCase();
  for (const [name, addr] of Object.entries(d.contracts)) if (addr.toLowerCase() === a) return name;
  if (d.safes.core.toLowerCase() === a) return "core Safe";
  if (d.safes.guardian.toLowerCase() === a) return "guardian Safe";
  if (d.accounts.deployer.toLowerCase() === a) return "deployer";
  const delegate = d.accounts.delegates.findIndex((x) => x.toLowerCase() === a);
  if (delegate >= 0) return `delegate ${delegate + 1}`;
  return address;
}

/**
 * Read who holds every role (from the authority's and the Timelock's grant/revoke events since the
 * deployment's start block, confirmed with hasRole) and check the architecture's rules: the deployer holds
 * nothing; the Timelock alone administers the authority; the Governor alone proposes, cancels and executes
 * on the Timelock, which is its own admin; guardians hold only GUARDIAN; no unnamed role has members.
 */
export async function verifyHandover(
  d: Deployment,
  provider: Provider,
  modules: readonly DeployModule[] = MODULES,
): Promise<HandoverReport> {
  const { authority, timelock, governor, token, parameters } = coreContracts(d, provider);
  const problems: string[] = [];
  const holdings: RoleHolding[] = [];
  const deployer = d.accounts.deployer.toLowerCase();

  // Authority (AccessManager) roles.
  const roleNames = new Map<bigint, string>(Object.entries(ROLES).map(([k, v]) => [v, k]));
  for (const grant of expectedRoles(modules)) roleNames.set(grant.roleId, grant.label);
  const granted = await authority.queryFilter(authority.filters.RoleGranted(), d.startBlock);
  const candidates = new Map<string, { role: bigint; account: string }>();
  for (const e of granted)
    candidates.set(`${e.args.roleId}:${e.args.account.toLowerCase()}`, {
      role: e.args.roleId,
      account: e.args.account,
    });
  const expected = expectedAuthorityHolders(d, modules);
  for (const { role, account } of candidates.values()) {
    const [isMember] = await authority.hasRole(role, account);
    if (!isMember) continue;
    const roleName = roleNames.get(role) ?? `role ${role}`;
    holdings.push({ contract: "STAB3LAuthority", role: roleName, holder: account, holderName: nameOf(d, account) });
    const allowed = expected.get(role);
    if (!allowed) problems.push(`${roleName} is not a role the architecture names, yet ${nameOf(d, account)} holds it`);
    else if (!allowed.has(account.toLowerCase()))
      problems.push(`${nameOf(d, account)} holds ${roleName} in the authority`);
  }
  for (const [role, holders] of expected) {
    for (const h of holders) {
      const [isMember] = await authority.hasRole(role, h);
      if (!isMember) problems.push(`${nameOf(d, h)} lacks ${roleNames.get(role)} in the authority`);
    }
  }

  // Timelock (AccessControl) roles.
  const expectedTimelock: Record<keyof typeof TIMELOCK_ROLES, string> = {
    DEFAULT_ADMIN_ROLE: d.contracts.TimelockController.toLowerCase(),
    PROPOSER_ROLE: d.contracts.STAB3LGovernor.toLowerCase(),
    EXECUTOR_ROLE: d.contracts.STAB3LGovernor.toLowerCase(),
    CANCELLER_ROLE: d.contracts.STAB3LGovernor.toLowerCase(),
  };
  const tlGranted = await timelock.queryFilter(timelock.filters.RoleGranted(), d.startBlock);
  const seen = new Set<string>();
  for (const e of tlGranted) {
    const key = `${e.args.role}:${e.args.account.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!(await timelock.hasRole(e.args.role, e.args.account))) continue;
    const name = (Object.keys(TIMELOCK_ROLES) as (keyof typeof TIMELOCK_ROLES)[]).find(
      (k) => TIMELOCK_ROLES[k] === e.args.role,
    );
    holdings.push({
      contract: "TimelockController",
      role: name ?? e.args.role,
      holder: e.args.account,
      holderName: nameOf(d, e.args.account),
    });
    if (!name) problems.push(`unknown Timelock role ${e.args.role} held by ${nameOf(d, e.args.account)}`);
    else if (expectedTimelock[name] !== e.args.account.toLowerCase())
      problems.push(`${nameOf(d, e.args.account)} holds ${name} on the Timelock`);
  }
  for (const [name, holder] of Object.entries(expectedTimelock)) {
    if (!(await timelock.hasRole(TIMELOCK_ROLES[name as keyof typeof TIMELOCK_ROLES], holder))) {
      problems.push(`${nameOf(d, holder)} lacks ${name} on the Timelock`);
    }
  }

  // Wiring.
  if ((await governor.timelock()).toLowerCase() !== d.contracts.TimelockController.toLowerCase())
    problems.push("Governor's timelock is not the deployment's Timelock");
  if ((await governor.token()).toLowerCase() !== d.contracts.RSTBToken.toLowerCase())
    problems.push("Governor's token is not rSTB");
  const guardian = await governor.proposalGuardian();
  holdings.push({
    contract: "STAB3LGovernor",
    role: "proposalGuardian",
    holder: guardian,
    holderName: nameOf(d, guardian),
  });
  if (guardian.toLowerCase() !== d.safes.guardian.toLowerCase())
    problems.push("Governor's proposal guardian is not the guardian Safe");
  for (const [name, c] of [
    ["ParameterStore", parameters],
    ["RSTBToken", token],
  ] as const) {
    if ((await c.authority()).toLowerCase() !== d.contracts.STAB3LAuthority.toLowerCase())
      problems.push(`${name} is not governed by the authority`);
  }
  if ((await authority.parameterStore()).toLowerCase() !== d.contracts.ParameterStore.toLowerCase())
    problems.push("authority reads another ParameterStore");

  // The deployer keeps nothing.
  if ((await token.balanceOf(deployer)) !== 0n) problems.push("deployer holds rSTB");
  if ((await token.getVotes(deployer)) !== 0n) problems.push("deployer has votes");
  for (const role of Object.values(TIMELOCK_ROLES)) {
    if (await timelock.hasRole(role, deployer)) problems.push(`deployer holds Timelock role ${role}`);
  }

  return { ok: problems.length === 0, problems, holdings };
}
