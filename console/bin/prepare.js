// What a fresh clone needs before `npm start` or the `stab3l` command can run, done only when missing or stale:
//  1. compiled contracts and their typechain bindings (`hardhat compile`), which the SDK imports;
//  2. the console compiled to JavaScript in dist/ (esbuild), so `stab3l` starts without a TypeScript loader.
// Plain JavaScript on purpose: it runs before anything is compiled. A progress line goes to stderr for each
// step that runs (stdout stays clean for --json). `node console/bin/prepare.js` runs both checks (`npm start`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(ROOT, "dist");
/** Packages the console build leaves in node_modules. */
const EXTERNAL = [
  "better-sqlite3",
  "hardhat",
  "solc",
  "@safe-global/*",
  "viem",
  "ink",
  "ink-*",
  "react",
  "react/*",
  "react-dom",
  "yoga-layout",
  "graphql-yoga",
  "graphql",
  "graphql-request",
  "esbuild",
];

/** Written after every console build: when it was built and from which source files. */
const BUILD_RECORD = join(DIST, "build.json");
/** Hardhat rewrites its solidity cache on every compile: the time of the last compile. */
const COMPILE_RECORD = join(ROOT, "cache", "solidity-files-cache.json");
const TYPECHAIN_INDEX = join(ROOT, "typechain-types", "index.ts");

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
};

/** Newest modification time of the files under `dir` whose names end with `ext`. */
function newest(dir, ext) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith(ext)) max = Math.max(max, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return max;
}

/**
 * Why the contracts must be compiled, or undefined when they are up to date. With `thorough`, any contract
 * or the Hardhat config changed since the last compile counts (`npm start`); otherwise only missing bindings
 * (the console reads ABIs, which a contract edit rarely changes before the next `npm start`).
 */
export function contractsStale(thorough = true) {
  if (!existsSync(TYPECHAIN_INDEX)) return "the contracts are not compiled yet";
  if (!thorough) return undefined;
  const compiled = mtime(COMPILE_RECORD);
  if (compiled === undefined) return "the contracts are not compiled yet";
  const sources = Math.max(newest(join(ROOT, "contracts"), ".sol"), mtime(join(ROOT, "hardhat.config.cts")) ?? 0);
  return sources > compiled ? "contracts changed since the last compile" : undefined;
}

/** Run `hardhat compile` (artifacts and typechain-types), its output on stderr. Exits the process on failure. */
export function compileContracts(reason) {
  process.stderr.write(`… ${reason}: compiling them (hardhat compile; about a minute the first time)\n`);
  const cli = createRequire(import.meta.url).resolve("hardhat/internal/cli/bootstrap.js");
  const r = spawnSync(process.execPath, [cli, "compile", "--quiet"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  if (r.status !== 0) {
    process.stderr.write("error: compiling the contracts failed (see above); fix it, then run `npm run compile`\n");
    process.exit(1);
  }
}

/** Why the console must be rebuilt, or undefined when dist/ is up to date with every file it was built from. */
export function consoleStale() {
  let record;
  try {
    record = JSON.parse(readFileSync(BUILD_RECORD, "utf8"));
  } catch {
    return "the console is not built yet";
  }
  for (const input of record.inputs) {
    const t = mtime(join(ROOT, input));
    if (t === undefined || t > record.builtAt) return "the console's sources changed";
  }
  return undefined;
}

/**
 * Compile the console (console/main.tsx and everything it imports from this repository) into dist/ with
 * esbuild: ES modules, pure-JavaScript packages bundled (EXTERNAL ones left to node_modules), one chunk per lazily imported command so a command
 * loads only its own code. Chunks sit at dist/'s top level, one folder below the root like the sources that
 * find files through import.meta.url (governance/abis.ts reads ../artifacts).
 */
export async function buildConsole(reason) {
  process.stderr.write(`… ${reason}: building it into dist/ (esbuild, a few seconds)\n`);
  const builtAt = Date.now();
  const { build } = await import("esbuild");
  mkdirSync(DIST, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { stab3l: "console/main.tsx" },
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Pure-JavaScript libraries are bundled (one file to load instead of hundreds: ethers alone has ~300);
    // native, heavy or rarely used ones stay in node_modules and load only when a command imports them.
    external: EXTERNAL,
    // Bundled CommonJS (ethers' optional `ws`) calls require().
    banner: {
      js: 'import { createRequire as __stab3lRequire } from "node:module"; const require = __stab3lRequire(import.meta.url);',
    },
    jsx: "automatic",
    sourcemap: "linked",
    metafile: true,
    logLevel: "error",
  });
  // This file and package.json (the build's settings, the bundled packages' versions) count as inputs too.
  const inputs = [
    ...Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules")),
    "console/bin/prepare.js",
    "package-lock.json",
  ];
  writeFileSync(BUILD_RECORD, JSON.stringify({ builtAt, inputs }) + "\n");
}

/** Make sure `stab3l` can run: compiled bindings (when missing) and an up-to-date console build. */
export async function prepareConsole({ thorough = false } = {}) {
  const stale = contractsStale(thorough);
  if (stale) compileContracts(stale);
  const reason = consoleStale();
  if (reason) await buildConsole(reason);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await prepareConsole({ thorough: true });
