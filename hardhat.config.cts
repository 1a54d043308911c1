/**
 * Hardhat 2 configuration.
 *
 * The package is ESM ("type": "module"); Hardhat 2 loads its config through CommonJS,
 * hence the `.cts` extension. Solidity is compiled by the `solc` npm package (soljson.js),
 * never downloaded: the subtask override below hands Hardhat the local compiler when the
 * requested version matches the installed one, and fails loudly otherwise.
 */
import { subtask, type HardhatUserConfig } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-chai-matchers";
import "@typechain/hardhat";

// Keep in step with the exact `solc` version in package.json.
const SOLC_VERSION = "0.8.30";

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD).setAction(async (args: { solcVersion: string }) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as { version(): string };
  const installed = solc.version(); // e.g. "0.8.30+commit.73712a01.Emscripten.clang"
  if (args.solcVersion !== SOLC_VERSION || !installed.startsWith(`${SOLC_VERSION}+`)) {
    throw new Error(
      `solc ${args.solcVersion} requested but the solc npm package is ${installed}; ` +
        `no compiler is downloaded here: pin both to ${SOLC_VERSION}`,
    );
  }
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: installed.replace(/\.Emscripten.*$/, ""),
  };
});

const forkUrl = process.env.STAB3L_FORK_URL;

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
      viaIR: false,
    },
  },
  paths: {
    sources: "./contracts",
    tests: "./test",
    cache: "./cache",
    artifacts: "./artifacts",
  },
  typechain: {
    outDir: "typechain-types",
    target: "ethers-v6",
  },
  networks: {
    hardhat: {
      // STAB3L_CHAIN_ID lets a `hardhat node` stand for another chain: the bridge's second local chain (1337), or a
      // real network's chain id in the real-network deploy tests (test/deploy/network.test.ts).
      chainId: process.env.STAB3L_CHAIN_ID ? Number(process.env.STAB3L_CHAIN_ID) : 31337,
      // Contracts like the Governor with all its modules exceed 24 KiB only if we let them;
      // keep the real limit so local deployment matches mainnets.
      allowUnlimitedContractSize: false,
      ...(forkUrl ? { forking: { url: forkUrl } } : {}),
    },
    localhost: {
      url: process.env.STAB3L_RPC_URL ?? "http://127.0.0.1:8545",
    },
    // No entry for real networks: they are not deployed through Hardhat's network config but by
    // `npm run deploy -- --network <name>` from a reviewed deployments/config/<name>.json (see the README).
  },
  mocha: {
    timeout: 120_000,
  },
};

export default config;
