/**
 * `npm start`: the embedded default. Starts a Hardhat JSON-RPC node on 127.0.0.1:8545 (or reuses one that is
 * already running with a deployment), deploys everything, prints who holds which role and the current
 * parameters, and keeps the node running until Ctrl-C.
 */
import { existsSync } from "node:fs";
import { formatUnits, decodeBytes32String } from "ethers";
import { contractInterface } from "../governance/abis.js";
import { connect, type Chain } from "../governance/chain.js";
import { PARAMETERS, SETTINGS, parameterKey } from "../governance/catalog/index.js";
import { coreContracts } from "../governance/contracts.js";
import { verifyHandover } from "../governance/deploy/index.js";
import { deploymentPath, loadDeployment, saveDeployment, type Deployment } from "../governance/deployment.js";
import { deployLocal } from "./lib/local.js";
import { probeRpc, startHardhatNode, type HardhatNode } from "./lib/hardhat-node.js";

const PORT = 8545;
const RPC = `http://127.0.0.1:${PORT}`;

async function existingDeployment(chain: Chain): Promise<Deployment | undefined> {
  const file = deploymentPath("localhost");
  if (!existsSync(file)) return undefined;
  const d = loadDeployment(file);
  if (BigInt(d.chainId) !== chain.chainId) return undefined;
  const code = await chain.provider.getCode(d.contracts.STAB3LGovernor);
  return code === "0x" ? undefined : d;
}

function formatValue(unit: string, value: bigint): string {
  switch (unit) {
    case "Seconds":
      return value % 86_400n === 0n
        ? `${value / 86_400n} d`
        : value % 3_600n === 0n
          ? `${value / 3_600n} h`
          : `${value} s`;
    case "TokenWei":
      return `${Number(formatUnits(value, 18)).toLocaleString("en-US")} rSTB`;
    case "Wad":
      return formatUnits(value, 18);
    case "Bps":
      return `${Number(value) / 100}%`;
    case "Percent":
      return `${value}%`;
    case "Usd8":
      return `$${formatUnits(value, 8)}`;
    default:
      return value.toString();
  }
}

async function printStatus(d: Deployment, chain: Chain): Promise<void> {
  const report = await verifyHandover(d, chain.provider);
  console.log("\nWho holds which role");
  for (const h of report.holdings) console.log(`  ${h.contract.padEnd(20)} ${h.role.padEnd(20)} ${h.holderName}`);
  console.log(report.ok ? "  ✓ the deployer holds nothing" : `  ✗ ${report.problems.join("; ")}`);

  const { parameters } = coreContracts(d, chain.provider);
  console.log("\nParameters (ParameterStore)");
  for (const key of await parameters.parameterKeys()) {
    const name = decodeBytes32String(key);
    const spec = PARAMETERS.find((p) => p.key === name);
    const value = await parameters.get(parameterKey(name));
    console.log(`  ${name.padEnd(28)} ${formatValue(spec?.unit ?? "None", value)}`);
  }
  console.log("\nGovernance settings");
  // Each setting's argument-less getter, through its contract's ABI (protocol domains add their own settings).
  for (const s of SETTINGS) {
    const address = d.contracts[s.contract];
    const iface = contractInterface(s.contract);
    if (!address || !iface) continue;
    const fn = iface.getFunction(s.getter)!;
    const [value] = iface.decodeFunctionResult(
      fn,
      await chain.provider.call({ to: address, data: iface.encodeFunctionData(fn, []) }),
    );
    const shown = s.unit === "Address" ? String(value) : formatValue(s.unit, BigInt(value as bigint));
    console.log(`  ${s.name.padEnd(34)} ${shown}`);
  }
}

async function main(): Promise<void> {
  let node: HardhatNode | undefined;
  if (await probeRpc(RPC)) {
    console.log(`A node already answers on ${RPC}; using it.`);
  } else {
    console.log(`Starting a Hardhat node on ${RPC} (log: .stab3l/node.log)`);
    node = await startHardhatNode({ port: PORT, logFile: ".stab3l/node.log" });
  }
  const chain = await connect(RPC);
  let deployment = await existingDeployment(chain);
  if (deployment) {
    console.log(`Found a live deployment in ${deploymentPath("localhost")}.`);
  } else {
    console.log("Deploying STAB3L (Safes, authority, parameters, rSTB, Timelock, Governor, protocol) ...");
    deployment = await deployLocal(chain, "localhost", (line) => console.log(`  ${line}`));
    saveDeployment(deploymentPath("localhost"), deployment);
    console.log(`Wrote ${deploymentPath("localhost")}`);
  }
  await printStatus(deployment, chain);

  if (!node) return;
  console.log(`\nThe node keeps running on ${RPC}. Ctrl-C stops it.`);
  const stop = async () => {
    await node!.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await new Promise(() => {});
}

main().catch((err: unknown) => {
  console.error(`start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
