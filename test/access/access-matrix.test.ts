import { expect } from "chai";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Interface, Wallet, type FunctionFragment, type ParamType } from "ethers";
import { ROLES } from "../../governance/contracts.js";
import { deployedSystem } from "../helpers/fixtures.js";
import { guardianPause } from "../oracles/fixtures.js";
import { ACCESS_ERRORS, PERMISSIONLESS, PUBLIC } from "./permissionless.js";

/** A harmless value of an ABI type: access modifiers run before the body, so the values do not matter. */
function sample(type: ParamType): unknown {
  if (type.baseType === "array") return [];
  if (type.baseType === "tuple") return type.components!.map(sample);
  if (type.baseType === "address") return "0x000000000000000000000000000000000000dEaD";
  if (type.baseType === "bool") return false;
  if (type.baseType === "string") return "";
  if (type.baseType === "bytes") return "0x";
  if (type.baseType.startsWith("bytes")) return "0x" + "00".repeat(Number(type.baseType.slice(5)));
  return 1n; // uint / int
}

/** Every error any deployed contract can revert with, to decode refusals by name. */
async function allErrors(names: string[]): Promise<Interface> {
  const fragments = new Map<string, unknown>();
  for (const name of names) {
    const { abi } = await hre.artifacts.readArtifact(name);
    for (const f of abi)
      if (f.type === "error") fragments.set(`${f.name}(${f.inputs.map((i: { type: string }) => i.type)})`, f);
  }
  return new Interface([...fragments.values()] as never);
}

/** The only restricted functions the guardian Safe may call. */
const GUARDIAN_MAY_CALL = new Set(["STAB3LAuthority.guardianPause(address,bytes4[],string)"]);

describe("access matrix: every state-changing function is permissionless by design or refuses outsiders", () => {
  it("covers every deployed contract's ABI and has no stale permissionless entries", async () => {
    const { deployment } = await loadFixture(deployedSystem);
    for (const [contract, entries] of Object.entries(PERMISSIONLESS)) {
      if (!deployment.contracts[contract]) continue;
      const iface = new Interface((await hre.artifacts.readArtifact(contract)).abi);
      for (const signature of Object.keys(entries)) {
        expect(iface.getFunction(signature), `${contract}.${signature} is listed but not in the ABI`).to.not.equal(
          null,
        );
      }
    }
  });

  it("rejects the deployer, a random account and the guardian Safe on every restricted function (guardians: all but pausing)", async () => {
    const { deployment, deployer } = await loadFixture(deployedSystem);
    const random = Wallet.createRandom().connect(hre.ethers.provider);
    await (await deployer.sendTransaction({ to: random.address, value: 10n ** 18n })).wait();
    const names = Object.keys(deployment.contracts);
    const errors = await allErrors(names);
    const restricted: string[] = [];
    let checked = 0;

    for (const name of names) {
      const { abi } = await hre.artifacts.readArtifact(name);
      const iface = new Interface(abi);
      const allowed = PERMISSIONLESS[name] ?? {};
      iface.forEachFunction((fn: FunctionFragment) => {
        if (fn.stateMutability === "view" || fn.stateMutability === "pure") return;
        if (!(fn.format("sighash") in allowed)) restricted.push(`${name}.${fn.format("sighash")}`);
      });
      for (const fn of iface.fragments.filter((f): f is FunctionFragment => f.type === "function")) {
        if (fn.stateMutability === "view" || fn.stateMutability === "pure") continue;
        if (fn.format("sighash") in allowed) continue;
        const data = iface.encodeFunctionData(fn, fn.inputs.map(sample));
        const callers = [deployer.address, random.address];
        if (!GUARDIAN_MAY_CALL.has(`${name}.${fn.format("sighash")}`)) callers.push(deployment.safes.guardian);
        for (const who of callers) {
          let reverted: string | undefined;
          try {
            await hre.ethers.provider.call({ from: who, to: deployment.contracts[name], data });
          } catch (err) {
            reverted = (err as { data?: string }).data ?? "0x";
          }
          const label = `${name}.${fn.format("sighash")} from ${who === deployment.accounts.deployer ? "deployer" : who === random.address ? "random" : "guardian Safe"}`;
          expect(reverted, `${label} succeeded`).to.not.equal(undefined);
          const decoded = errors.parseError(reverted!);
          expect(decoded, `${label} reverted without a known error (${reverted})`).to.not.equal(null);
          expect(
            ACCESS_ERRORS.has(decoded!.name),
            `${label} reverted with ${decoded!.name}, not an access error`,
          ).to.equal(true);
          expect(String(decoded!.args[0]).toLowerCase(), `${label}: error names another account`).to.equal(
            who.toLowerCase(),
          );
          checked++;
        }
      }
    }
    // A function missing from PERMISSIONLESS that anyone can call fails above (it succeeds, or fails for another
    // reason); every restricted one was tried from both callers.
    expect(restricted.length).to.be.greaterThan(0);
    expect(checked).to.be.greaterThan(20);
    expect(checked).to.equal(restricted.length * 3 - GUARDIAN_MAY_CALL.size);
  });

  it("every public function is on PUBLIC_ROLE through the authority, and a guardian pause stops it with Stab3lPaused", async () => {
    const sys = await loadFixture(deployedSystem);
    const { deployment, core } = sys;
    const errors = await allErrors(Object.keys(deployment.contracts));
    const caller = Wallet.createRandom().address;
    let checked = 0;
    for (const [name, entries] of Object.entries(PERMISSIONLESS)) {
      const target = deployment.contracts[name];
      if (!target) continue;
      const iface = new Interface((await hre.artifacts.readArtifact(name)).abi);
      const functions = Object.keys(entries)
        .filter((signature) => entries[signature].startsWith(PUBLIC))
        .map((signature) => iface.getFunction(signature)!);
      if (functions.length === 0) continue;
      for (const fn of functions) {
        expect(await core.authority.getTargetFunctionRole(target, fn.selector), `${name}.${fn.name}`).to.equal(
          ROLES.PUBLIC,
        );
      }
      // Two of the guardian Safe's owners pause exactly these functions, as in an incident.
      await guardianPause(
        sys,
        target,
        functions.map((fn) => fn.selector),
        "access-matrix drill",
      );
      for (const fn of functions) {
        const until = await core.authority.pausedUntil(target, fn.selector);
        expect(until, `${name}.${fn.name} pause bound`).to.be.greaterThan(0n);
        let reverted = "";
        try {
          await hre.ethers.provider.call({
            from: caller,
            to: target,
            data: iface.encodeFunctionData(fn, fn.inputs.map(sample)),
          });
        } catch (err) {
          reverted = (err as { data?: string }).data ?? "0x";
        }
        const decoded = errors.parseError(reverted);
        expect(decoded?.name, `${name}.${fn.name} while paused`).to.equal("Stab3lPaused");
        expect([...decoded!.args]).to.deep.equal([target, fn.selector, until]);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(20);
    expect(checked).to.equal(
      Object.entries(PERMISSIONLESS)
        .filter(([name]) => deployment.contracts[name])
        .flatMap(([, entries]) => Object.values(entries).filter((why) => why.startsWith(PUBLIC))).length,
    );
  });
});
