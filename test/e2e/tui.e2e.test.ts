/**
 * The interactive console in a real terminal: tmux gives it a pseudo-terminal of a set size (80x24, then
 * 200x50), we type keys into it and read the screen as a person sees it (capture-pane), while the rest of the
 * team changes the chain with the `stab3l` commands beside it. Also: output without a terminal, and the exit
 * codes of bad input. Needs tmux (Debian's package; .ci/run installs it).
 */
import { expect } from "chai";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { connect } from "../../governance/chain.js";
import { saveDeployment, type Deployment } from "../../governance/deployment.js";
import { deployLocal } from "../../scripts/lib/local.js";
import { startHardhatNode, type HardhatNode } from "../../scripts/lib/hardhat-node.js";

const run = promisify(execFile);
const BIN = resolve("console/bin/stab3l.js");
/** A tmux server of our own, so a person's sessions are never touched. */
const SOCKET = `stab3l-tui-${process.pid}`;
const tmux = (...args: string[]) =>
  execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
/** Whether the console's session still runs (the server exits with its last session). */
const alive = () => {
  try {
    tmux("has-session", "-t", "tui");
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the console in a real terminal (tmux), against a real node", function () {
  this.timeout(900_000);
  let node: HardhatNode;
  let dir: string;
  let deploymentFile: string;
  let deployment: Deployment;

  /** Run `stab3l <args>` in the work folder; exit code, stdout and stderr. */
  async function stab3l(args: string[], options: { env?: NodeJS.ProcessEnv; rpc?: boolean } = {}) {
    const all = [BIN, ...args, ...(options.rpc === false ? [] : ["--rpc", node.url]), "--deployment", deploymentFile];
    // No terminal here (pipes), and no COLUMNS unless a test sets it.
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", ...options.env };
    if (!options.env?.COLUMNS) delete env.COLUMNS;
    try {
      const { stdout, stderr } = await run(process.execPath, all, { cwd: dir, env });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const ok = async (args: string[]) => {
    const r = await stab3l([...args, "--json"]);
    expect(r.code, `${args.join(" ")}: ${r.stdout} ${r.stderr}`).to.equal(0);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };

  const screen = () => tmux("capture-pane", "-p", "-t", "tui");
  /** The screen with its attributes: the selected row is drawn inverse (ESC[7m). */
  const screenWithStyles = () => tmux("capture-pane", "-p", "-e", "-t", "tui");
  async function waitFor(test: (s: string) => boolean, what: string, ms = 120_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const s = screen();
      if (test(s)) {
        await sleep(400); // let the new key handlers subscribe before the next key
        return screen();
      }
      if (Date.now() > deadline) throw new Error(`the console never showed ${what}; it showed:\n${s}`);
      await sleep(200);
    }
  }
  const keys = (...k: string[]) => tmux("send-keys", "-t", "tui", ...k);
  const lines = (s: string) => s.replace(/\n+$/, "").split("\n");

  before(async () => {
    try {
      execFileSync("tmux", ["-V"]);
    } catch {
      throw new Error("tmux is needed for the terminal tests: apt-get install -y tmux");
    }
    node = await startHardhatNode();
    dir = mkdtempSync(join(tmpdir(), "stab3l-tui-"));
    deployment = await deployLocal(await connect(node.url), "localhost", () => {});
    deploymentFile = join(dir, "localhost.json");
    saveDeployment(deploymentFile, deployment);
  });

  after(async () => {
    try {
      tmux("kill-server");
    } catch {
      // already gone
    }
    await node?.stop();
  });

  it("80x24 and 200x50: stays on screen, re-reads on new blocks, scrolls, and carries a proposal to execution", async () => {
    // A person's terminal: CI runs set CI=true, which makes Ink and chalk drop the redraws and the colours
    // (the selected row is drawn inverse), so the console runs here without it.
    const command = ["env", "-u", "CI", process.execPath, BIN, "console", "--rpc", node.url]
      .concat(["--deployment", deploymentFile, "--as", "delegate-1"])
      .map((a) => `'${a}'`)
      .join(" ");
    tmux("new-session", "-d", "-s", "tui", "-x", "80", "-y", "24", "-c", dir, command);
    let s = await waitFor((t) => t.includes("No proposals yet") && t.includes("read at block #"), "an empty list");
    expect(lines(s)[0]).to.match(/^STAB3L governance .*localhost · chain 31337 · block #\d+/);

    // Parameters at 80x24: 56 rows do not push the header and the tabs off screen; the selection stays in view.
    const params = (await ok(["params", "list"])) as unknown as { key: string }[];
    keys("2");
    s = await waitFor((t) => t.includes(params[0].key), "the parameters");
    expect(lines(s)[0]).to.match(/^STAB3L governance/);
    expect(s).to.match(/1 Proposals │ 2 Parameters/);
    expect(s).to.match(new RegExp(`rows 1-\\d+ of ${params.length} ↓`));
    for (let i = 0; i < 30; i++) keys("Down");
    s = await waitFor((t) => t.includes(params[30].key), `${params[30].key} scrolled into view`);
    const selected = screenWithStyles()
      .split("\n")
      .filter((l) => l.includes("\u001b[7m"));
    expect(selected.join("\n")).to.contain(params[30].key);
    expect(lines(s)[0]).to.match(/^STAB3L governance/);
    expect(s).to.not.contain(params[0].key);

    // 200x50: the same view takes the width (the rules' columns appear, nothing cut) and keeps the selection.
    tmux("resize-window", "-t", "tui", "-x", "200", "-y", "50");
    s = await waitFor((t) => /\bcooldown\b/.test(t) && t.includes(params[30].key), "the wide layout");
    expect(lines(s).some((l) => l.length > 80)).to.equal(true);
    expect(s).to.not.contain("…");
    expect(lines(s)[0]).to.match(/^STAB3L governance.{100,}block #/);
    tmux("resize-window", "-t", "tui", "-x", "80", "-y", "24");
    s = await waitFor((t) => !/\bcooldown\b/.test(t) && t.includes(params[30].key), "the narrow layout again");
    expect(lines(s)[0]).to.match(/^STAB3L governance/);

    // Guardian: a pause made beside the console shows up, and leaves when it expires (no key pressed).
    keys("5");
    await waitFor((t) => t.includes("In force (0)") && t.includes("Pull the brake on"), "the guardian view");
    const drafted = await ok(
      ["guardian", "pause", "SSTBToken", "--via-safe", "--reason", "drill"].concat(["--as", "guardian-1", "--yes"]),
    );
    const second = await ok(["safe", "sign", drafted.file as string, "--as", "guardian-3", "--yes"]);
    await ok(["safe", "execute", drafted.file as string, second.file as string, "--as", "guardian-2", "--yes"]);
    s = await waitFor((t) => t.includes("In force (1)") && t.includes("SSTBToken"), "the new pause");
    expect(lines(s)[0]).to.match(/^STAB3L governance/);
    await ok(["dev", "advance", "11d"]);
    await waitFor((t) => t.includes("In force (0)"), "the expired pause gone");

    // A proposal submitted beside the console appears in its list without a key.
    keys("1");
    await waitFor((t) => t.includes("No proposals yet"), "the proposals view");
    mkdirSync(join(dir, "proposals"), { recursive: true });
    const draft = await ok(
      ["propose", "draft", "--title", "Shorten the guardian re-pause cooldown"].concat([
        "--set",
        "guardian.repauseCooldown=2d",
      ]),
    );
    const submitted = await ok(["propose", "submit", draft.file as string, "--via-safe", "--as", "core-1", "--yes"]);
    const signed = await ok(["safe", "sign", submitted.file as string, "--as", "core-2", "--yes"]);
    await ok(["safe", "execute", submitted.file as string, signed.file as string, "--as", "user-1", "--yes"]);
    await waitFor((t) => /#1\s+Pending\s+Shorten the guardian/.test(t), "proposal #1, Pending");

    // The flow from the detail: vote while Active, queue once Succeeded, execute once the ETA passed.
    await ok(["dev", "advance", "1d"]);
    await waitFor((t) => /#1\s+Active/.test(t), "proposal #1, Active");
    keys("Enter");
    s = await waitFor((t) => t.includes("[Active]") && t.includes("f/a/b vote"), "the detail with vote keys");
    expect(s).to.not.contain("u queue");
    keys("f");
    await waitFor((t) => t.includes("Vote for on #1? (y/n)"), "the vote question");
    keys("y");
    await waitFor((t) => t.includes("voted for on #1"), "the vote");
    await ok(["vote", "1", "for", "--as", "delegate-2", "--yes"]);
    await ok(["dev", "advance", "3d"]);
    s = await waitFor((t) => t.includes("[Succeeded]") && t.includes("u queue"), "the queue key");
    expect(s).to.not.contain("f/a/b");
    keys("u");
    await waitFor((t) => t.includes("Queue #1 in the Timelock? (y/n)"), "the queue question");
    keys("y");
    s = await waitFor((t) => t.includes("[Queued]") && t.includes("executable in"), "the queued proposal");
    expect(s).to.not.contain("e execute");
    expect(s).to.not.contain("f/a/b");
    await ok(["dev", "advance", "2d"]);
    await waitFor((t) => t.includes("executable now") && t.includes("e execute"), "the execute key");
    keys("e");
    await waitFor((t) => t.includes("Execute #1? (y/n)"), "the execute question");
    keys("y");
    s = await waitFor((t) => t.includes("[Executed]") && t.includes("executed #1"), "the executed proposal");
    expect(s).to.not.match(/f\/a\/b|u queue|e execute/);
    expect(s).to.contain("1. Set guardian.repauseCooldown to 2 d");
    expect(s).to.not.contain("2 d → 2 d");
    expect(s).to.not.match(/^2\. /m);
    expect(s).to.match(/^proposer core Safe$/m); // nothing after it: no next step once executed
    expect(((await ok(["params", "show", "guardian.repauseCooldown"])) as { value: string }).value).to.equal(
      String(2 * 86_400),
    );
    keys("Escape");
    await waitFor((t) => /#1\s+Executed/.test(t), "the list");
    keys("q");
    const deadline = Date.now() + 20_000;
    while (alive() && Date.now() < deadline) await sleep(200);
    expect(alive(), "q quits the console").to.equal(false);
  });

  it("without a terminal: nothing wrapped, COLUMNS honoured, identifiers whole, chain ids plain", async () => {
    const shown = await stab3l(["proposals", "show", "1"]);
    expect(shown.code).to.equal(0);
    const detail = (await ok(["proposals", "show", "1"])) as {
      createdIn: string;
      ids: { timelockOperationId: string };
    };
    expect(shown.stdout).to.match(new RegExp(`created in\\s+${detail.createdIn}\\n`));
    expect(shown.stdout).to.match(new RegExp(`timelock op\\s+${detail.ids.timelockOperationId}\\n`));
    expect(shown.stdout).to.contain("Set guardian.repauseCooldown to 2 d");
    expect(shown.stdout).to.not.contain("2 d → 2 d");

    const wide = await stab3l(["params", "list"]);
    expect(wide.stdout.split("\n").some((l) => l.length > 80)).to.equal(true); // not cut to 80
    expect(wide.stdout).to.not.contain("…");
    const narrow = await stab3l(["params", "list"], { env: { COLUMNS: "80" } });
    const rows = narrow.stdout.split("\n");
    expect(rows.every((l) => l.length <= 80)).to.equal(true);
    // Keys are whole even where values are cut.
    const keys = ((await ok(["params", "list"])) as unknown as { key: string }[]).map((p) => p.key);
    for (const key of keys) expect(rows.some((l) => l.trimStart().startsWith(key + " "))).to.equal(true);

    const status = await stab3l(["status"]);
    expect(status.stdout).to.match(/CrossChainBridge\.peerChains\s+\d+\n/);
    expect(status.stdout).to.not.match(/peerChains\s+\d{1,3},\d{3}/);
  });

  it("bad input exits 2 with one line naming it; a node that does not answer exits 1", async () => {
    const wrong = join(dir, "wrong-address.json");
    const store = "0x0000000000000000000000000000000000000001";
    writeFileSync(
      wrong,
      JSON.stringify({ ...deployment, contracts: { ...deployment.contracts, ParameterStore: store } }),
    );
    const bad = await run(process.execPath, [BIN, "params", "list", "--rpc", node.url, "--deployment", wrong], {
      cwd: dir,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.equal(
      `error: ${wrong}: ParameterStore at ${store} has no contract code on chain 31337 (expected the ParameterStore contract): a wrong address in the deployment file, or a chain that was reset since the deployment\n`,
    );
    expect(bad.stderr).to.not.contain("BAD_DATA");

    const missing = await stab3l(["propose", "simulate", "proposals/nope.json"]);
    expect([missing.code, missing.stderr]).to.deep.equal([
      2,
      "error: no spec file at proposals/nope.json (drafts are written to proposals/ by `stab3l propose draft`)\n",
    ]);
    writeFileSync(join(dir, "proposals", "20261204-empty.json"), "");
    const empty = await stab3l(["propose", "simulate", "proposals/20261204-empty.json"]);
    expect([empty.code, empty.stderr]).to.deep.equal([
      2,
      "error: proposals/20261204-empty.json is empty: a spec needs a title and actions\n",
    ]);
    const noDeployment = await run(process.execPath, [BIN, "status", "--deployment", join(dir, "none.json")], {
      cwd: dir,
    }).then(
      () => ({ code: 0 }),
      (e: { code: number }) => e,
    );
    expect(noDeployment.code).to.equal(2);
    const badUrl = await stab3l(["status"], { rpc: false, env: { STAB3L_RPC_URL: "localhost:8545" } });
    expect([badUrl.code, badUrl.stderr]).to.deep.equal([2, 'error: "localhost:8545" is not an http(s) or ws(s) URL\n']);
    const down = await stab3l(["status"], { rpc: false, env: { STAB3L_RPC_URL: "http://127.0.0.1:9" } });
    expect([down.code, down.stderr]).to.deep.equal([
      1,
      "error: cannot reach a JSON-RPC node at http://127.0.0.1:9: is it running?\n",
    ]);
  });
});
