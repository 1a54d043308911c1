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
  const granted = await authority.queryFilter(authority.filters.RoleGranted(), d.startBlock.number);
  const candidates = new Map<string, { role: bigint; account: string }>();
  for (const e of granted)
    candidates.set(`${e.args.roleId}:${e.args.account.toLowerCase()}`, {
      role: e.args.roleId,
      account: e.args.account,
    });
  const expected = expectedAuthorityHolders(d, modules);
  // Every membership question at once: a node answers them in parallel.
  const held = await Promise.all(
    [...candidates.values()].map(async (c) => ({ ...c, member: (await authority.hasRole(c.role, c.account))[0] })),
  );
  for (const { role, account, member } of held) {
    if (!member) continue;
    const roleName = roleNames.get(role) ?? `role ${role}`;
    holdings.push({ contract: "STAB3LAuthority", role: roleName, holder: account, holderName: nameOf(d, account) });
    const allowed = expected.get(role);
    if (!allowed) problems.push(`${roleName} is not a role the architecture names, yet ${nameOf(d, account)} holds it`);
    else if (!allowed.has(account.toLowerCase()))
      problems.push(`${nameOf(d, account)} holds ${roleName} in the authority`);
  }
  const required = [...expected].flatMap(([role, holders]) => [...holders].map((h) => ({ role, h })));
  const present = await Promise.all(required.map(async ({ role, h }) => (await authority.hasRole(role, h))[0]));
  required.forEach(({ role, h }, i) => {
    if (!present[i]) problems.push(`${nameOf(d, h)} lacks ${roleNames.get(role)} in the authority`);
  });

  // Timelock (AccessControl) roles.
  const expectedTimelock: Record<keyof typeof TIMELOCK_ROLES, string> = {
    DEFAULT_ADMIN_ROLE: d.contracts.TimelockController.toLowerCase(),
    PROPOSER_ROLE: d.contracts.STAB3LGovernor.toLowerCase(),
    EXECUTOR_ROLE: d.contracts.STAB3LGovernor.toLowerCase(),
    CANCELLER_ROLE: d.contracts.STAB3LGovernor.toLowerCase(),
  };
  const tlGranted = await timelock.queryFilter(timelock.filters.RoleGranted(), d.startBlock.number);
  const unique = new Map<string, { role: string; account: string }>();
  for (const e of tlGranted)
    unique.set(`${e.args.role}:${e.args.account.toLowerCase()}`, { role: e.args.role, account: e.args.account });
  const tlHeld = await Promise.all(
    [...unique.values()].map(async (g) => ({ ...g, member: await timelock.hasRole(g.role, g.account) })),
  );
  for (const { role, account, member } of tlHeld) {
    if (!member) continue;
    const name = (Object.keys(TIMELOCK_ROLES) as (keyof typeof TIMELOCK_ROLES)[]).find(
      (k) => TIMELOCK_ROLES[k] === role,
    );
    holdings.push({
      contract: "TimelockController",
      role: name ?? role,
      holder: account,
      holderName: nameOf(d, account),
    });
    if (!name) problems.push(`unknown Timelock role ${role} held by ${nameOf(d, account)}`);
    else if (expectedTimelock[name] !== account.toLowerCase())
      problems.push(`${nameOf(d, account)} holds ${name} on the Timelock`);
  }
  const tlRequired = Object.entries(expectedTimelock) as [keyof typeof TIMELOCK_ROLES, string][];
  const tlPresent = await Promise.all(
    tlRequired.map(([name, holder]) => timelock.hasRole(TIMELOCK_ROLES[name], holder)),
  );
  tlRequired.forEach(([name, holder], i) => {
    if (!tlPresent[i]) problems.push(`${nameOf(d, holder)} lacks ${name} on the Timelock`);
  });

  // Wiring, and the deployer keeps nothing (read together).
  const [
    timelockOf,
    tokenOf,
    guardian,
    storeAuthority,
    tokenAuthority,
    authorityStore,
    governorAuthority,
    balance,
    votes,
    ...deployerRoles
  ] = await Promise.all([
    governor.timelock(),
    governor.token(),
    governor.proposalGuardian(),
    parameters.authority(),
    token.authority(),
    authority.parameterStore(),
    governor.protocolAuthority(),
    token.balanceOf(deployer),
    token.getVotes(deployer),
    ...Object.values(TIMELOCK_ROLES).map((role) => timelock.hasRole(role, deployer)),
  ]);
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (!same(timelockOf, d.contracts.TimelockController))
    problems.push("Governor's timelock is not the deployment's Timelock");
  if (!same(tokenOf, d.contracts.RSTBToken)) problems.push("Governor's token is not rSTB");
  holdings.push({
    contract: "STAB3LGovernor",
    role: "proposalGuardian",
    holder: guardian,
    holderName: nameOf(d, guardian),
  });
  if (!same(guardian, d.safes.guardian)) problems.push("Governor's proposal guardian is not the guardian Safe");
  if (!same(storeAuthority, d.contracts.STAB3LAuthority))
    problems.push("ParameterStore is not governed by the authority");
  if (!same(tokenAuthority, d.contracts.STAB3LAuthority)) problems.push("RSTBToken is not governed by the authority");
  if (!same(authorityStore, d.contracts.ParameterStore)) problems.push("authority reads another ParameterStore");
  if (!same(governorAuthority, d.contracts.STAB3LAuthority))
    problems.push("Governor's guardian changes name another authority");
  if (balance !== 0n) problems.push("deployer holds rSTB");
  if (votes !== 0n) problems.push("deployer has votes");
  Object.values(TIMELOCK_ROLES).forEach((role, i) => {
    if (deployerRoles[i]) problems.push(`deployer holds Timelock role ${role}`);
  });

  return { ok: problems.length === 0, problems, holdings };
}
