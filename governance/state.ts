import { decodeBytes32String, id, Interface, type Log, type ParamType, type Result } from "ethers";
import { contractInterface, functionBySignature, isStateChanging, parseLogWith } from "./abis.js";
import type { StepKind, Unit } from "./catalog/types.js";
import type { Client } from "./client.js";
import { addressName, roleName, signatureOf, type SdkContext } from "./context.js";
import { ROLES } from "./contracts.js";
import { displayArg } from "./decode/calldata.js";
import { parameterFields } from "./parameters.js";
import { formatAmount } from "./units.js";

/**
 * A snapshot of everything governance controls: every registered parameter with its rules, every catalog
 * setting, every authority role with its members and configuration, every function-role mapping of every
 * managed contract, pauses, the Timelock's roles, and the treasury's balances. Read before and after a
 * simulated proposal; the difference is the proposal's effect.
 */
export interface GovernanceState {
  blockNumber: number;
  timestamp: bigint;
  parameters: ParameterState[];
  settings: SettingState[];
  roles: RoleState[];
  targets: TargetState[];
  pauses: PauseState[];
  timelockRoles: TimelockRoleState[];
  /** Members of every governed address set (attesters, relayers …). */
  sets: { name: string; members: string[] }[];
  balances: BalanceState[];
}

export interface ParameterState {
  /** Catalog name (the ASCII key). */
  name: string;
  key: string;
  unit: Unit;
  value: bigint;
  min: bigint;
  max: bigint;
  stepKind: StepKind;
  maxStep: bigint;
  cooldown: bigint;
  /** Effective time of the last update; 0 = never updated since registration. */
  lastUpdateAt: bigint;
  pending?: { value: bigint; effectiveAt: bigint };
  historyLength: bigint;
}

export interface SettingState {
  name: string;
  unit: Unit | "Address" | "ChainId";
  value: bigint | string;
}

export interface RoleState {
  id: bigint;
  admin: bigint;
  guardian: bigint;
  grantDelay: bigint;
  members: { account: string; executionDelay: bigint }[];
}

export interface TargetState {
  address: string;
  closed: boolean;
  adminDelay: bigint;
  /** Role of every function of the contract's ABI (and every selector ever mapped by an event). */
  functions: { selector: string; role: bigint }[];
}

export interface PauseState {
  target: string;
  selector: string;
  pausedUntil: bigint;
}

export interface TimelockRoleState {
  role: string;
  account: string;
}

export interface BalanceState {
  holder: string;
  /** "ETH" or the deployment name of an ERC-20. */
  asset: string;
  amount: bigint;
}

/** Timelock role hashes by name. */
export const TIMELOCK_ROLES: Record<string, string> = {
  DEFAULT_ADMIN_ROLE: "0x" + "00".repeat(32),
  PROPOSER_ROLE: id("PROPOSER_ROLE"),
  EXECUTOR_ROLE: id("EXECUTOR_ROLE"),
  CANCELLER_ROLE: id("CANCELLER_ROLE"),
};

/** The name of a Timelock role hash, or the hash. */
export function timelockRoleName(role: string): string {
  return Object.entries(TIMELOCK_ROLES).find(([, h]) => h === role.toLowerCase())?.[0] ?? role;
}

const WHOLE_TARGET = "0x00000000";

/**
 * The authority's own functions that AccessManager checks against its function-role mapping (onlyAuthorized).
 * Its other functions are hard-wired (guardian pauses, ADMIN-only pause controls) or check their caller
 * themselves, so their mapping means nothing and is not listed.
 */
const AUTHORITY_MAPPED = new Set([
  "grantRole(uint64,address,uint32)",
  "revokeRole(uint64,address)",
  "labelRole(uint64,string)",
  "setRoleAdmin(uint64,uint64)",
  "setRoleGuardian(uint64,uint64)",
  "setGrantDelay(uint64,uint32)",
  "setTargetFunctionRole(address,bytes4[],uint64)",
  "setTargetAdminDelay(address,uint32)",
  "setTargetClosed(address,bool)",
  "updateAuthority(address,address)",
]);

/** Deployment contracts governed by the authority (they expose `authority()`), and the authority itself. */
export function managedContracts(client: Client): { name: string; address: string }[] {
  const out: { name: string; address: string }[] = [];
  for (const [name, address] of Object.entries(client.deployment.contracts)) {
    const iface = contractInterface(name);
    if (!iface) continue;
    if (name === "STAB3LAuthority" || functionBySignature(name, "authority()")) out.push({ name, address });
  }
  return out;
}

/**
 * Read the whole governance state at the latest block. AccessManager announces every change of a role's
 * configuration, a target's configuration and a function's role with an event, and its defaults are 0 (ADMIN,
 * open, no delay), so only what events name is read; everything else is its default. Calls are issued in
 * parallel so the JSON-RPC provider batches them.
 */
export async function readGovernanceState(client: Client, ctx: SdkContext): Promise<GovernanceState> {
  const { provider } = client.chain;
  const { authority, parameters, timelock } = client.core;
  const d = client.deployment;
  const block = await provider.getBlock("latest");
  if (!block) throw new Error("no latest block");
  const logCache = new Map<string, Promise<Log[]>>();
  const logsOf = (address: string) => {
    const key = address.toLowerCase();
    if (!logCache.has(key))
      logCache.set(key, provider.getLogs({ address, fromBlock: d.startBlock.number, toBlock: block.number }));
    return logCache.get(key)!;
  };

  // Parameters (independent of events: started first).
  const parameterStates = parameters.parameterKeys().then((keys) =>
    Promise.all(
      keys.map(async (key): Promise<ParameterState> => {
        const info = await parameters.parameterInfo(key);
        return {
          name: decodeBytes32String(key),
          key,
          ...parameterFields(info),
          historyLength: info.historyLength,
        };
      }),
    ),
  );

  // Events name the candidates: roles granted or configured, functions mapped, targets configured, pauses.
  const authorityIface = authority.interface;
  const [authorityLogs, timelockLogs] = await Promise.all([
    logsOf(d.contracts.STAB3LAuthority),
    logsOf(d.contracts.TimelockController),
  ]);
  const roleIds = new Set<bigint>([...ctx.roles.values()].filter((r) => r !== ROLES.PUBLIC));
  const configuredRoles = new Set<bigint>();
  const configuredTargets = new Set<string>();
  const memberCandidates = new Map<string, { role: bigint; account: string }>();
  const mapped = new Map<string, Set<string>>(); // target → selectors
  const pauseKeys = new Map<string, { target: string; selector: string }>();
  for (const log of authorityLogs) {
    const parsed = safeParse(authorityIface, log);
    if (!parsed) continue;
    const a = parsed.args;
    switch (parsed.name) {
      case "RoleGranted":
        roleIds.add(a.roleId);
        memberCandidates.set(`${a.roleId}:${a.account.toLowerCase()}`, { role: a.roleId, account: a.account });
        break;
      case "RoleLabel":
        roleIds.add(a.roleId);
        break;
      case "RoleAdminChanged":
      case "RoleGuardianChanged":
      case "RoleGrantDelayChanged":
        roleIds.add(a.roleId);
        configuredRoles.add(a.roleId);
        break;
      case "TargetClosed":
      case "TargetAdminDelayUpdated":
        configuredTargets.add(a.target.toLowerCase());
        break;
      case "TargetFunctionRoleUpdated": {
        const set = mapped.get(a.target.toLowerCase()) ?? new Set<string>();
        set.add(a.selector);
        mapped.set(a.target.toLowerCase(), set);
        break;
      }
      case "GuardianPaused":
      case "PauseConfirmed":
      case "Unpaused":
        pauseKeys.set(`${a.target.toLowerCase()}:${a.selector}`, { target: a.target, selector: a.selector });
        break;
    }
  }
  roleIds.delete(ROLES.PUBLIC);

  // Settings: plain getters, and keyed ones (one argument) for every key their contract's events name.
  const settingStates = Promise.all(
    ctx.settings
      .filter((s) => d.contracts[s.contract])
      .map(async (s): Promise<SettingState[]> => {
        const address = d.contracts[s.contract];
        const iface = contractInterface(s.contract)!;
        const fn = functionBySignature(s.contract, s.getter)!.fragment;
        const read = async (args: unknown[]) => {
          const raw = await provider.call({ to: address, data: iface.encodeFunctionData(fn, args) });
          return settingValue(iface.decodeFunctionResult(fn, raw), fn.outputs, ctx);
        };
        if (fn.inputs.length === 0) return [{ name: s.name, unit: s.unit, value: await read([]) }];
        if (fn.inputs.length !== 1) return [];
        const keys = settingKeys(await logsOf(address), iface, fn.inputs[0].type);
        const values = await Promise.all(
          keys.map(async (key) => {
            try {
              return {
                name: `${s.name}[${displayArg(key, fn.inputs[0].type)}]`,
                unit: s.unit,
                value: await read([key]),
              };
            } catch {
              return undefined; // a key that no longer exists (e.g. a cancelled CU definition epoch)
            }
          }),
        );
        return values.filter((v): v is SettingState => v !== undefined);
      }),
  ).then((lists) => lists.flat());

  // Authority roles.
  const roleStates = Promise.all(
    [...roleIds].map(async (roleId): Promise<RoleState> => {
      const candidates = [...memberCandidates.values()].filter((c) => c.role === roleId);
      const [[admin, guardian, grantDelay], members] = await Promise.all([
        configuredRoles.has(roleId)
          ? Promise.all([
              authority.getRoleAdmin(roleId),
              authority.getRoleGuardian(roleId),
              authority.getRoleGrantDelay(roleId),
            ])
          : Promise.resolve([0n, 0n, 0n]),
        Promise.all(
          candidates.map(async (c) => {
            const [isMember, executionDelay] = await authority.hasRole(roleId, c.account);
            return isMember ? { account: c.account, executionDelay: BigInt(executionDelay) } : undefined;
          }),
        ).then((xs) => xs.filter((m): m is NonNullable<typeof m> => m !== undefined)),
      ]);
      members.sort((x, y) => x.account.localeCompare(y.account));
      return { id: roleId, admin, guardian, grantDelay, members };
    }),
  );

  // Function-role mappings of every managed contract (its whole ABI) and of every target an event names.
  const targets = new Map<string, { address: string; selectors: Set<string> }>();
  for (const { name, address } of managedContracts(client)) {
    const iface = contractInterface(name)!;
    const selectors = new Set<string>();
    iface.forEachFunction((f) => {
      if (!isStateChanging(f)) return;
      if (name === "STAB3LAuthority" && !AUTHORITY_MAPPED.has(f.format("sighash"))) return;
      selectors.add(f.selector);
    });
    targets.set(address.toLowerCase(), { address, selectors });
  }
  for (const [target, selectors] of mapped) {
    const entry = targets.get(target) ?? { address: target, selectors: new Set<string>() };
    for (const s of selectors) entry.selectors.add(s);
    targets.set(target, entry);
  }
  const targetStates = Promise.all(
    [...targets.values()].map(async ({ address, selectors }): Promise<TargetState> => {
      const sorted = [...selectors].sort();
      const named = mapped.get(address.toLowerCase()) ?? new Set<string>();
      const configured = configuredTargets.has(address.toLowerCase());
      const [closed, adminDelay, roles] = await Promise.all([
        configured ? authority.isTargetClosed(address) : false,
        configured ? authority.getTargetAdminDelay(address) : 0n,
        // A function no event ever mapped has AccessManager's default role, ADMIN (0).
        Promise.all(sorted.map((s) => (named.has(s) ? authority.getTargetFunctionRole(address, s) : 0n))),
      ]);
      return {
        address,
        closed,
        adminDelay,
        functions: sorted.map((selector, i) => ({ selector, role: roles[i] })),
      };
    }),
  );

  // Pauses: every key an event names (read), and the whole-target key of every other managed contract, which
  // never paused (0: pausedUntil only changes with GuardianPaused, PauseConfirmed or Unpaused).
  const eventPauses = new Set(pauseKeys.keys());
  for (const { address } of managedContracts(client)) {
    if (address === d.contracts.STAB3LAuthority) continue;
    const key = `${address.toLowerCase()}:${WHOLE_TARGET}`;
    if (!pauseKeys.has(key)) pauseKeys.set(key, { target: address, selector: WHOLE_TARGET });
  }
  const pauseStates = Promise.all(
    [...pauseKeys.entries()].map(async ([key, k]) => ({
      target: k.target,
      selector: k.selector,
      pausedUntil: eventPauses.has(key) ? await authority.pausedUntil(k.target, k.selector) : 0n,
    })),
  );

  // Timelock roles.
  const tlCandidates = new Map<string, { role: string; account: string }>();
  for (const log of timelockLogs) {
    const parsed = safeParse(timelock.interface, log);
    if (parsed?.name === "RoleGranted") {
      tlCandidates.set(`${parsed.args.role}:${parsed.args.account.toLowerCase()}`, {
        role: parsed.args.role,
        account: parsed.args.account,
      });
    }
  }
  const timelockStates = Promise.all(
    [...tlCandidates.values()].map(async (c) => ((await timelock.hasRole(c.role, c.account)) ? c : undefined)),
  ).then((xs) => xs.filter((x): x is TimelockRoleState => x !== undefined));

  // Governed address sets: every address their events ever named, kept when the check says it is a member.
  const setStates = Promise.all(
    ctx.sets
      .filter((set) => d.contracts[set.contract] && contractInterface(set.contract))
      .map(async (set) => {
        const address = d.contracts[set.contract];
        const iface = contractInterface(set.contract)!;
        const check = functionBySignature(set.contract, set.check)!.fragment;
        const logs = await logsOf(address);
        const named = new Set<string>();
        for (const log of logs) {
          const parsed = safeParse(iface, log);
          if (parsed?.name === set.event) named.add(String(parsed.args[set.memberArg]));
        }
        const members = (
          await Promise.all(
            [...named].map(async (m) => {
              const raw = await provider.call({ to: address, data: iface.encodeFunctionData(check, [m]) });
              return iface.decodeFunctionResult(check, raw)[0] === true ? m : undefined;
            }),
          )
        ).filter((m): m is string => m !== undefined);
        return { name: set.name, members: members.sort() };
      }),
  );

  // Balances of the treasury (Timelock) and the Governor, in ETH and every ERC-20 of the deployment.
  const holders = [d.contracts.TimelockController, d.contracts.STAB3LGovernor];
  const erc20 = new Interface(["function balanceOf(address) view returns (uint256)"]);
  const tokens = Object.entries(d.contracts).filter(([name]) => {
    const iface = contractInterface(name);
    return iface && functionBySignature(name, "balanceOf(address)") && functionBySignature(name, "totalSupply()");
  });
  const balanceStates = Promise.all(
    holders.flatMap((holder) => [
      provider.getBalance(holder).then((amount) => ({ holder, asset: "ETH", amount })),
      ...tokens.map(async ([name, token]) => {
        const raw = await provider.call({ to: token, data: erc20.encodeFunctionData("balanceOf", [holder]) });
        return { holder, asset: name, amount: BigInt(raw) };
      }),
    ]),
  );

  const [ps, ss, rs, ts, pa, tl, sets, bs] = await Promise.all([
    parameterStates,
    settingStates,
    roleStates,
    targetStates,
    pauseStates,
    timelockStates,
    setStates,
    balanceStates,
  ]);
  rs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    blockNumber: block.number,
    timestamp: BigInt(block.timestamp),
    parameters: ps,
    settings: ss,
    roles: rs,
    targets: ts,
    pauses: pa,
    timelockRoles: tl,
    sets,
    balances: bs,
  };
}

/**
 * Keys of a keyed setting (a getter taking one argument, e.g. PriceOracle.assetConfig(bytes32 asset)): every
 * value of that type in the first indexed argument of the contract's events since the deployment.
 */
function settingKeys(logs: readonly Log[], iface: Interface, type: string): string[] {
  const keys = new Set<string>();
  for (const log of logs) {
    const parsed = safeParse(iface, log);
    if (!parsed) continue;
    const first = parsed.fragment.inputs.findIndex((i) => i.indexed);
    if (first >= 0 && parsed.fragment.inputs[first].type === type) keys.add(String(parsed.args[first]));
  }
  return [...keys].sort();
}

/** A getter's result as a setting value: a number, an address, or "name=value, …" for a struct. */
function settingValue(result: Result, outputs: readonly ParamType[], ctx: SdkContext): bigint | string {
  if (outputs.length === 1 && outputs[0].baseType !== "tuple") {
    const v = result[0];
    return typeof v === "bigint" ? v : String(v);
  }
  const fields = outputs.length === 1 ? outputs[0].components! : outputs;
  const values = outputs.length === 1 ? (result[0] as Result) : result;
  return fields.map((f, i) => `${f.name || i}=${displayArg(values[i], f, ctx)}`).join(", ");
}

function safeParse(iface: Interface, log: { topics: readonly string[]; data: string }) {
  return parseLogWith(iface, log);
}

// ------------------------------------------------------------------------------------------------ diff

export const STATE_CATEGORIES = [
  "parameter",
  "setting",
  "role-member",
  "role-config",
  "function-role",
  "target",
  "pause",
  "timelock-role",
  "set-member",
  "balance",
] as const;
export type StateCategory = (typeof STATE_CATEGORIES)[number];

/** One fact of a state, flattened for diffing and printing. */
export interface StateEntry {
  category: StateCategory;
  /** What the fact is about, for people: "guardian.repauseCooldown", "GUARDIAN ← guardian Safe". */
  subject: string;
  /** Which field of the subject ("value", "max", "role", "pausedUntil", "member"). */
  field: string;
  /** Raw value, as a string (decimal for numbers). */
  value: string;
  /** The value for people, in its unit. */
  display: string;
  /** Structured ids for checks. */
  ref: {
    parameter?: string;
    setting?: string;
    roleId?: bigint;
    account?: string;
    target?: string;
    selector?: string;
    timelockRole?: string;
    set?: string;
  };
}

/** A fact that differs between two states; `before` or `after` is undefined when the fact is new or gone. */
export interface StateChange {
  category: StateCategory;
  subject: string;
  field: string;
  before?: string;
  after?: string;
  beforeDisplay?: string;
  afterDisplay?: string;
  ref: StateEntry["ref"];
}

function roleDisplay(ctx: SdkContext, role: bigint): string {
  return role === ROLES.PUBLIC ? "PUBLIC" : roleName(ctx, role);
}

function timeDisplay(t: bigint): string {
  if (t === 0n) return "0";
  if (t >= 2n ** 64n - 1n) return "until governance unpauses";
  return `${new Date(Number(t) * 1000).toISOString()} (${t})`;
}

/** Flatten a state into entries (one per fact). */
export function flattenState(state: GovernanceState, ctx: SdkContext): StateEntry[] {
  const out: StateEntry[] = [];
  const push = (e: StateEntry) => out.push(e);
  for (const p of state.parameters) {
    const ref = { parameter: p.name };
    const amount = (v: bigint) => formatAmount(p.unit, v);
    push({
      category: "parameter",
      subject: p.name,
      field: "value",
      value: `${p.value}`,
      display: amount(p.value),
      ref,
    });
    push({ category: "parameter", subject: p.name, field: "min", value: `${p.min}`, display: amount(p.min), ref });
    push({ category: "parameter", subject: p.name, field: "max", value: `${p.max}`, display: amount(p.max), ref });
    push({ category: "parameter", subject: p.name, field: "stepKind", value: p.stepKind, display: p.stepKind, ref });
    push({
      category: "parameter",
      subject: p.name,
      field: "maxStep",
      value: `${p.maxStep}`,
      display: p.stepKind === "Absolute" ? amount(p.maxStep) : `${p.maxStep}`,
      ref,
    });
    push({
      category: "parameter",
      subject: p.name,
      field: "cooldown",
      value: `${p.cooldown}`,
      display: formatAmount("Seconds", p.cooldown),
      ref,
    });
    push({
      category: "parameter",
      subject: p.name,
      field: "unit",
      value: p.unit,
      display: p.unit,
      ref,
    });
    if (p.pending) {
      push({
        category: "parameter",
        subject: p.name,
        field: "scheduled",
        value: `${p.pending.value}@${p.pending.effectiveAt}`,
        display: `${amount(p.pending.value)} from ${timeDisplay(p.pending.effectiveAt)}`,
        ref,
      });
    }
  }
  for (const s of state.settings) {
    push({
      category: "setting",
      subject: s.name,
      field: "value",
      value: String(s.value),
      display: typeof s.value === "bigint" ? formatAmount(s.unit, s.value) : addressName(ctx, s.value),
      ref: { setting: s.name },
    });
  }
  for (const r of state.roles) {
    const name = roleDisplay(ctx, r.id);
    const ref = { roleId: r.id };
    push({
      category: "role-config",
      subject: name,
      field: "admin",
      value: `${r.admin}`,
      display: roleDisplay(ctx, r.admin),
      ref,
    });
    push({
      category: "role-config",
      subject: name,
      field: "guardian",
      value: `${r.guardian}`,
      display: roleDisplay(ctx, r.guardian),
      ref,
    });
    push({
      category: "role-config",
      subject: name,
      field: "grantDelay",
      value: `${r.grantDelay}`,
      display: formatAmount("Seconds", r.grantDelay),
      ref,
    });
    for (const m of r.members) {
      push({
        category: "role-member",
        subject: `${name} ← ${addressName(ctx, m.account)}`,
        field: "member",
        value: `${m.executionDelay}`,
        display: `member, execution delay ${formatAmount("Seconds", m.executionDelay)}`,
        ref: { roleId: r.id, account: m.account },
      });
    }
  }
  for (const t of state.targets) {
    const tname = addressName(ctx, t.address);
    const contract = Object.entries(ctx.deployment.contracts).find(
      ([, a]) => a.toLowerCase() === t.address.toLowerCase(),
    )?.[0];
    push({
      category: "target",
      subject: tname,
      field: "closed",
      value: String(t.closed),
      display: t.closed ? "closed" : "open",
      ref: { target: t.address },
    });
    push({
      category: "target",
      subject: tname,
      field: "adminDelay",
      value: `${t.adminDelay}`,
      display: formatAmount("Seconds", t.adminDelay),
      ref: { target: t.address },
    });
    for (const f of t.functions) {
      push({
        category: "function-role",
        subject: `${tname}.${signatureOf(contract, f.selector) ?? f.selector}`,
        field: "role",
        value: `${f.role}`,
        display: roleDisplay(ctx, f.role),
        ref: { target: t.address, selector: f.selector },
      });
    }
  }
  for (const p of state.pauses) {
    const contract = Object.entries(ctx.deployment.contracts).find(
      ([, a]) => a.toLowerCase() === p.target.toLowerCase(),
    )?.[0];
    const fn = p.selector === WHOLE_TARGET ? "*" : (signatureOf(contract, p.selector) ?? p.selector);
    push({
      category: "pause",
      subject: `${addressName(ctx, p.target)}.${fn}`,
      field: "pausedUntil",
      value: `${p.pausedUntil}`,
      display: timeDisplay(p.pausedUntil),
      ref: { target: p.target, selector: p.selector },
    });
  }
  for (const r of state.timelockRoles) {
    push({
      category: "timelock-role",
      subject: `${timelockRoleName(r.role)} ← ${addressName(ctx, r.account)}`,
      field: "member",
      value: "true",
      display: "member",
      ref: { timelockRole: r.role, account: r.account },
    });
  }
  for (const set of state.sets) {
    for (const m of set.members) {
      push({
        category: "set-member",
        subject: `${set.name} ← ${addressName(ctx, m)}`,
        field: "member",
        value: "true",
        display: "member",
        ref: { set: set.name, account: m },
      });
    }
  }
  for (const b of state.balances) {
    push({
      category: "balance",
      subject: `${addressName(ctx, b.holder)} ${b.asset}`,
      field: "amount",
      value: `${b.amount}`,
      display: formatAmount("TokenWei", b.amount).replace("tokens", b.asset === "ETH" ? "ETH" : b.asset),
      ref: { account: b.holder },
    });
  }
  return out;
}

/** Every fact that differs between `before` and `after`, in a stable order. */
export function diffStates(before: GovernanceState, after: GovernanceState, ctx: SdkContext): StateChange[] {
  const keyOf = (e: StateEntry) => `${e.category}|${e.subject}|${e.field}`;
  const a = new Map(flattenState(before, ctx).map((e) => [keyOf(e), e]));
  const b = new Map(flattenState(after, ctx).map((e) => [keyOf(e), e]));
  const out: StateChange[] = [];
  for (const [k, e] of a) {
    const f = b.get(k);
    if (!f) {
      out.push({ ...base(e), before: e.value, beforeDisplay: e.display });
    } else if (f.value !== e.value) {
      out.push({ ...base(e), before: e.value, after: f.value, beforeDisplay: e.display, afterDisplay: f.display });
    }
  }
  for (const [k, f] of b) if (!a.has(k)) out.push({ ...base(f), after: f.value, afterDisplay: f.display });
  const order = (c: StateCategory) => STATE_CATEGORIES.indexOf(c);
  return out.sort((x, y) => order(x.category) - order(y.category) || x.subject.localeCompare(y.subject));
}

function base(e: StateEntry) {
  return { category: e.category, subject: e.subject, field: e.field, ref: e.ref };
}

/** The parameter named `name` in `state`. */
export function parameterIn(state: GovernanceState, name: string): ParameterState | undefined {
  return state.parameters.find((p) => p.name === name);
}

/** The setting named `name` in `state`. */
export function settingIn(state: GovernanceState, name: string): SettingState | undefined {
  return state.settings.find((s) => s.name === name);
}

/** The members of authority role `roleId` in `state`. */
export function roleMembers(state: GovernanceState, roleId: bigint): string[] {
  return state.roles.find((r) => r.id === roleId)?.members.map((m) => m.account) ?? [];
}
