/**
 * The console end to end against a real JSON-RPC node (a `hardhat node` child process), the way a core-team
 * member, delegates and guardians use it: every step is the `stab3l` command itself, run as a child process.
 */
import { expect } from "chai";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { connect } from "../../governance/chain.js";
import { loadDeployment, saveDeployment } from "../../governance/deployment.js";
import { deployedFeeds, encodeAsset } from "../../oracles/feeds.js";
import { setFeedAnswer } from "../../oracles/simulator.js";
import { localWallet } from "../../governance/accounts.js";
import { PriceOracle__factory } from "../../typechain-types/factories/contracts/oracles/PriceOracle__factory.js";
import { MockV3Aggregator__factory } from "../../typechain-types/factories/@chainlink/contracts/src/v0.8/tests/MockV3Aggregator__factory.js";
import { startApi } from "../../indexer/api.js";
import { deployLocal } from "../../scripts/lib/local.js";
import { startHardhatNode, type HardhatNode } from "../../scripts/lib/hardhat-node.js";

const run = promisify(execFile);
const BIN = resolve("console/bin/stab3l.js");

describe("console end to end (real node, real commands)", function () {
  this.timeout(600_000);
  let node: HardhatNode;
  let dir: string;
  let deploymentFile: string;

  /** Run `stab3l <args> --json` in the work folder; returns exit code and parsed output. */
  async function stab3l(
    args: string[],
  ): Promise<{ code: number; out: Record<string, unknown> & { error?: { message: string } } }> {
    const all = [BIN, ...args, "--rpc", node.url, "--deployment", deploymentFile, "--json"];
    try {
      const { stdout } = await run(process.execPath, all, { cwd: dir, env: { ...process.env, FORCE_COLOR: "0" } });
      return { code: 0, out: JSON.parse(stdout) };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      let out: Record<string, unknown> = {};
      try {
        out = JSON.parse(e.stdout);
      } catch {
        throw new Error(`stab3l ${args.join(" ")} failed without JSON: ${e.stderr || e.stdout}`);
      }
      return { code: e.code, out };
    }
  }
  /** Run `stab3l <args>` as a person would, without --json; returns what it printed. */
  async function forPeople(args: string[]): Promise<string> {
    const all = [BIN, ...args, "--rpc", node.url, "--deployment", deploymentFile];
    const { stdout } = await run(process.execPath, all, { cwd: dir, env: { ...process.env, FORCE_COLOR: "0" } });
    return stdout;
  }
  const ok = async (args: string[]) => {
    const r = await stab3l(args);
    expect(r.code, `${args.join(" ")}: ${JSON.stringify(r.out.error)}`).to.equal(0);
    return r.out;
  };

  before(async () => {
    node = await startHardhatNode();
    dir = mkdtempSync(join(tmpdir(), "stab3l-e2e-"));
    const chain = await connect(node.url);
    const deployment = await deployLocal(chain, "localhost", () => {});
    deploymentFile = join(dir, "localhost.json");
    saveDeployment(deploymentFile, deployment);
  });

  after(async () => {
    await node?.stop();
  });

  it("draft → simulate → submit through the core Safe (two owners, files) → votes → queue → execute", async () => {
    const before = (await ok(["params", "show", "guardian.repauseCooldown"])) as { value: string };
    expect(before.value).to.equal(String(3 * 86_400));

    // Bad input is refused with one line and exit code 2; nothing is written.
    const refused = await stab3l([
      "propose",
      "draft",
      "--title",
      "Way too long a cooldown",
      "--set",
      "guardian.repauseCooldown=99d",
    ]);
    expect(refused.code).to.equal(2);
    expect(refused.out.error!.message).to.equal("guardian.repauseCooldown: 99 d is outside its bounds 1 d .. 14 d");

    const draft = (await ok([
      "propose",
      "draft",
      "--title",
      "Shorten the guardian re-pause cooldown",
      "--set",
      "guardian.repauseCooldown=2d",
    ])) as { file: string };
    expect(draft.file).to.match(/^proposals\/\d{8}-shorten-the-guardian-re-pause-cooldown\.json$/);
    const spec = JSON.parse(readFileSync(join(dir, draft.file), "utf8"));
    expect(spec.actions).to.deep.equal([{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" }]);

    const sim = (await ok(["propose", "simulate", draft.file])) as { passed: boolean; errors: number };
    expect(sim.passed).to.equal(true);
    expect(sim.errors).to.equal(0);
    // Simulation restored the node.
    expect(((await ok(["params", "show", "guardian.repauseCooldown"])) as { value: string }).value).to.equal(
      String(3 * 86_400),
    );

    const submitted = (await ok(["propose", "submit", draft.file, "--via-safe", "--as", "core-1", "--yes"])) as {
      file: string;
      signatures: number;
      threshold: number;
      ids: { proposalId: string; timelockOperationId: string };
      safeTxHash: string;
    };
    expect(submitted.signatures).to.equal(1);
    expect(submitted.threshold).to.equal(2);
    expect(submitted.ids.proposalId).to.equal("1");
    // A file naming a Safe outside the deployment is refused before anything is signed.
    const foreign = join(dir, "foreign-safe.json");
    const original = JSON.parse(readFileSync(join(dir, submitted.file), "utf8")) as { safe: string };
    writeFileSync(foreign, JSON.stringify({ ...original, safe: "0x000000000000000000000000000000000000dEaD" }));
    const refusedSign = await stab3l(["safe", "sign", foreign, "--as", "core-2", "--yes"]);
    expect(refusedSign.code).to.equal(2);
    expect(refusedSign.out.error!.message).to.equal(
      "0x000000000000000000000000000000000000dEaD is not one of this deployment's Safes: not signing",
    );

    const signed = (await ok(["safe", "sign", submitted.file, "--as", "core-2", "--yes"])) as { file: string };
    expect(signed.file).to.not.equal(submitted.file);

    // One signature alone does not execute.
    const short = await stab3l(["safe", "execute", submitted.file, "--as", "user-1", "--yes"]);
    expect(short.code).to.equal(2);
    expect(short.out.error!.message).to.match(/needs 2 owner signatures, the file has 1/);

    const executed = (await ok(["safe", "execute", submitted.file, signed.file, "--as", "user-1", "--yes"])) as {
      success: boolean;
      proposalId: string;
      safeTxHash: string;
    };
    expect(executed.success).to.equal(true);
    expect(executed.proposalId).to.equal("1");
    expect(executed.safeTxHash).to.equal(submitted.safeTxHash);

    const early = await stab3l(["vote", "1", "for", "--as", "delegate-1", "--yes"]);
    expect(early.code).to.equal(2);
    expect(early.out.error!.message).to.match(/^proposal 1 is Pending, not Active: voting opens in/);

    await ok(["dev", "advance", "1d"]);
    const vote = (await ok([
      "vote",
      "1",
      "for",
      "--reason",
      "faster incident response",
      "--as",
      "delegate-1",
      "--yes",
    ])) as { weight: string };
    expect(vote.weight).to.equal((1_000_000n * 10n ** 18n).toString());
    await ok(["vote", "1", "for", "--as", "delegate-2", "--yes"]);
    await ok(["vote", "1", "abstain", "--as", "delegate-3", "--yes"]);
    const twice = await stab3l(["vote", "1", "against", "--as", "delegate-1", "--yes"]);
    expect(twice.code).to.equal(2);

    const shown = (await ok(["proposals", "show", "1"])) as {
      state: string;
      votes: { for: string; abstain: string };
      quorumReached: boolean;
    };
    expect(shown.state).to.equal("Active");
    expect(shown.votes.for).to.equal((2_000_000n * 10n ** 18n).toString());
    expect(shown.votes.abstain).to.equal((1_000_000n * 10n ** 18n).toString());
    expect(shown.quorumReached).to.equal(true);

    await ok(["dev", "advance", "3d"]);
    const queued = (await ok(["queue", "1", "--as", "user-1", "--yes"])) as { eta: string };
    const tooEarly = await stab3l(["execute", "1", "--as", "user-1", "--yes"]);
    expect(tooEarly.code).to.equal(2);
    expect(tooEarly.out.error!.message).to.match(/^proposal 1 is in the Timelock for another/);
    await ok(["dev", "advance", "2d"]);
    await ok(["execute", "1", "--as", "user-1", "--yes"]);

    const after = (await ok(["params", "show", "guardian.repauseCooldown"])) as {
      value: string;
      history: { effectiveAt: string; value: string }[];
    };
    expect(after.value).to.equal(String(2 * 86_400));
    expect(after.history).to.have.length(2);
    expect(BigInt(after.history[1].effectiveAt) >= BigInt(queued.eta)).to.equal(true);
    const list = (await ok(["proposals", "list"])) as unknown as { proposalId: string; state: string }[];
    expect(list.map((p) => [p.proposalId, p.state])).to.deep.equal([["1", "Executed"]]);
  });

  it("a guardian pause through the guardian Safe; nothing is signed after a failed check", async () => {
    const noReason = await stab3l(["guardian", "pause", "ParameterStore", "--via-safe", "--as", "guardian-1", "--yes"]);
    expect(noReason.code).to.equal(2);
    expect(noReason.out.error!.message).to.equal("--reason is required: say why, reviewers read it on chain");
    const unknown = await stab3l([
      "guardian",
      "pause",
      "NoSuchContract",
      "--via-safe",
      "--reason",
      "x",
      "--as",
      "guardian-1",
      "--yes",
    ]);
    expect(unknown.code).to.equal(2);
    const notOwner = await stab3l([
      "guardian",
      "pause",
      "SSTBToken",
      "--via-safe",
      "--reason",
      "x",
      "--as",
      "core-1",
      "--yes",
    ]);
    expect(notOwner.code).to.equal(2);
    expect(notOwner.out.error!.message).to.match(/is not an owner of the guardian Safe/);
    expect(readdirSync(join(dir, ".stab3l", "safe-txs")).filter((f) => f.startsWith("guardian"))).to.deep.equal([]);

    const drafted = (await ok([
      "guardian",
      "pause",
      "SSTBToken",
      "--via-safe",
      "--reason",
      "mint anomaly",
      "--as",
      "guardian-1",
      "--yes",
    ])) as { file: string };
    const second = (await ok(["safe", "sign", drafted.file, "--as", "guardian-3", "--yes"])) as { file: string };
    const exec = (await ok(["safe", "execute", drafted.file, second.file, "--as", "guardian-2", "--yes"])) as {
      success: boolean;
    };
    expect(exec.success).to.equal(true);

    const status = (await ok(["guardian", "status"])) as {
      pauses: { targetName: string; status: string; lastReason: string; functionName: string }[];
    };
    expect(status.pauses).to.deep.include({
      ...status.pauses[0],
      targetName: "SSTBToken",
      status: "active",
      lastReason: "mint anomaly",
      functionName: "(whole contract)",
    });
    const again = await stab3l([
      "guardian",
      "pause",
      "SSTBToken",
      "--via-safe",
      "--reason",
      "again",
      "--as",
      "guardian-1",
      "--yes",
    ]);
    expect(again.code).to.equal(2);
    expect(again.out.error!.message).to.match(/^SSTBToken is already paused \(until /);
  });

  it("prints for people without --json: the view of each read command", async () => {
    const status = await forPeople(["status"]);
    expect(status).to.include("localhost (chain 31337)");
    const param = await forPeople(["params", "show", "guardian.repauseCooldown"]);
    expect(param).to.match(/value\s+2 d\b/); // set from 3 d by the proposal above
    expect(param).to.match(/bounds\s+1 d \.\. 14 d/);
    const list = await forPeople(["proposals", "list"]);
    expect(list).to.include("Executed");
    expect(list).to.include("Shorten the guardian re-p");
  });

  it("reads proposals and parameters through the GraphQL API (--api) exactly as from the chain", async () => {
    const api = await startApi({
      deployment: deploymentFile,
      rpcUrl: node.url,
      dbPath: join(dir, "api.sqlite"),
      port: 0,
    });
    try {
      const chain = await connect(node.url);
      await api.indexer.waitForBlock(await chain.provider.getBlockNumber());
      const pick = (list: Record<string, unknown>[]) =>
        list.map((p) => ({ id: p.proposalId, title: p.title, state: p.state, votes: p.votes, quorum: p.quorum }));
      const fromChain = (await ok(["proposals", "list"])) as unknown as Record<string, unknown>[];
      const fromApi = (await ok(["proposals", "list", "--api", api.url])) as unknown as Record<string, unknown>[];
      expect(fromApi.length).to.be.greaterThan(0);
      expect(pick(fromApi)).to.deep.equal(pick(fromChain));
      const shown = (await ok(["proposals", "show", "1", "--api", api.url])) as { actions: string[]; state: string };
      const onChain = (await ok(["proposals", "show", "1"])) as { actions: string[]; state: string };
      expect(shown.state).to.equal("Executed");
      // Same decoded actions; the API has no live state, so a change's "before" is "?" there.
      const withoutBefore = (lines: string[]) => lines.map((l) => l.replace(/: .* → /, ": … → "));
      expect(withoutBefore(shown.actions)).to.deep.equal(withoutBefore(onChain.actions));
      expect(shown.actions[0]).to.equal("Set guardian.repauseCooldown to 2 d");
      const params = (await ok(["params", "list", "--api", api.url])) as unknown as { key: string; value: string }[];
      expect(params.find((p) => p.key === "guardian.repauseCooldown")!.value).to.equal(String(2 * 86_400));
      const unknown = await stab3l(["proposals", "show", "99", "--api", api.url]);
      expect(unknown.code).to.not.equal(0);
      expect(unknown.out.error!.message).to.match(/99/);
    } finally {
      await api.close();
    }
  });

  it("a keeper finds the round that settles an expiry (oracles/settlement-round.ts), and the oracle accepts it", async () => {
    const script = resolve("oracles/settlement-round.ts");
    const keeper = (args: string[]) =>
      run(process.execPath, ["--import", "tsx", script, ...args, "--rpc", node.url, "--deployment", deploymentFile]);
    const chain = await connect(node.url);
    const deployment = loadDeployment(deploymentFile);
    const feeds = await deployedFeeds(deployment, chain.provider);
    const feed = MockV3Aggregator__factory.connect(feeds.assets["CU/USD"].feed, chain.provider);
    const fail = (args: string[]) =>
      keeper(args).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => e,
      );
    // An expiry whose first round is the feed's round 1: the first of its phase, which proves nothing on chain.
    const first = await fail(["--expiry", (await feed.getRoundData(1n)).updatedAt.toString()]);
    expect(first.code).to.equal(1);
    expect(first.stderr).to.match(/the first of its Chainlink phase/);
    const poster = localWallet(0, chain.provider); // the mock feeds accept any sender
    await setFeedAnswer(poster, await feed.getAddress(), 6_100_000n);
    await setFeedAnswer(poster, await feed.getAddress(), 6_200_000n);
    const latest = await feed.latestRoundData();
    const expiry = latest.updatedAt;
    const { stdout } = await keeper(["--expiry", expiry.toString()]);
    const answer = JSON.parse(stdout) as { roundId: string; updatedAt: string; feed: string };
    expect(answer.feed).to.equal(feeds.assets["CU/USD"].feed);
    expect(BigInt(answer.updatedAt) >= expiry).to.equal(true);
    const oracle = PriceOracle__factory.connect(deployment.contracts.PriceOracle, chain.provider);
    const [price, at] = await oracle.firstPriceAtOrAfter(encodeAsset("CU/USD"), expiry, BigInt(answer.roundId));
    expect([price, at]).to.deep.equal([latest.answer * 10n ** 10n, BigInt(answer.updatedAt)]);

    const refused = await fail(["--expiry", "soon"]);
    expect([refused.code, refused.stderr.trim()]).to.deep.equal([2, "--expiry must be unix seconds, e.g. 1767225600"]);
    const early = await fail(["--expiry", (expiry + 10n ** 6n).toString()]);
    expect(early.code).to.equal(1);
    expect(early.stderr).to.match(/has no answer at or after/);
  });

  it("drives the TUI through a real pseudo-terminal", async () => {
    // `script` (util-linux) runs the console on a pty; we type into it and read what it draws.
    const command = [
      process.execPath,
      BIN,
      "console",
      "--rpc",
      node.url,
      "--deployment",
      deploymentFile,
      "--as",
      "delegate-4",
    ]
      .map((a) => `'${a}'`)
      .join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: dir,
      env: { ...process.env, TERM: "xterm-256color", COLUMNS: "80", LINES: "40" },
    });
    let screen = "";
    child.stdout.on("data", (d: Buffer) => {
      screen += d.toString("utf8");
    });
    // eslint-disable-next-line no-control-regex
    const plain = () => screen.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, "");
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 60_000;
      while (!plain().includes(text)) {
        if (Date.now() > deadline)
          throw new Error(`the console never showed "${text}"; it showed:\n${plain().slice(-2_000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));
    };
    const exited = new Promise<number>((res) => child.on("exit", (code) => res(code ?? -1)));
    try {
      await waitFor("Shorten the guardian re-p");
      await waitFor("acting as 0x");
      child.stdin.write("2");
      await waitFor("guardian.repauseCooldown");
      child.stdin.write("5");
      await waitFor("Pull the brake on");
      await waitFor("SSTBToken");
      child.stdin.write("q");
      expect(await exited).to.equal(0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
