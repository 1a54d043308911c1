import React from "react";
import { expect } from "chai";
import { cleanup, render } from "ink-testing-library";
import { App } from "../../console/ui/App.js";
import { ProgressBar } from "../../console/ui/ProgressBar.js";
import { nextStep } from "../../console/ui/ProposalsView.js";
import { SimulationReport } from "../../console/ui/SimulateView.js";
import { columnWidths, Table } from "../../console/ui/Table.js";
import { scrollWindow } from "../../console/ui/layout.js";
import type { ConsoleData, ProposalRow } from "../../console/ui/models.js";

const WAD = 10n ** 18n;
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
/**
 * Wait until the rendered frame satisfies `test`, then a little longer: Ink paints before React runs the
 * effects that subscribe the new key handlers, so keys written at once could reach the previous handler.
 */
async function until(frame: () => string | undefined, test: (f: string) => boolean, ms = 10_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const f = frame() ?? "";
    if (test(f)) {
      await tick(60);
      return f;
    }
    if (Date.now() > deadline) throw new Error(`timed out; last frame:\n${f}`);
    await tick();
  }
}

const proposal: ProposalRow = {
  id: 3n,
  title: "Raise the collateral ratio",
  state: "Active",
  forVotes: 1_500_000n * WAD,
  againstVotes: 200_000n * WAD,
  abstainVotes: 0n,
  quorum: 400_000n * WAD,
  snapshot: 1_000n,
  deadline: 1_000n + 3n * 86_400n,
};

/** Type text one key at a time, as a person does, each key once the previous one shows on screen. */
async function type(stdin: { write(s: string): void }, frame: () => string | undefined, text: string): Promise<void> {
  for (let i = 1; i <= text.length; i++) {
    stdin.write(text[i - 1]);
    await until(frame, (f) => f.includes(text.slice(0, i)));
  }
}

/** Test data behind the views; records what the views asked to do. */
function fakeData(overrides: Partial<ConsoleData> = {}) {
  const calls: string[] = [];
  const data: ConsoleData = {
    header: async () => ({ network: "localhost", chainId: 31337, block: 42, timestamp: 2_000 }),
    proposals: async () => [proposal],
    proposal: async (id) => ({
      ...proposal,
      id,
      proposer: "core Safe",
      description: "# Raise",
      actions: [
        {
          summary: "Set collateral.minRatioBps to 130%",
          details: ["collateral.minRatioBps: 120% → 130%"],
        },
      ],
    }),
    parameters: async () => [
      {
        key: "staking.minPeriod",
        unit: "Seconds",
        value: "7 d",
        bounds: "1 d..30 d",
        step: "±1 d",
        cooldown: "7 d",
        description: "Minimum staking period",
      },
      {
        key: "peg.k",
        unit: "Wad",
        value: "0.3",
        bounds: "0..1",
        step: "any",
        cooldown: "0 s",
        description: "Arbitrage factor",
      },
    ],
    guardian: async () => ({
      guardianSafe: "0xGuardian",
      pauseLasts: "10 d",
      pausable: ["SpotMarket", "MintingAgent"],
      pauses: [],
    }),
    oracles: async () => ({
      sequencer: "up",
      rows: [{ asset: "CU/USD", price: "$0.06", age: "5 min", status: "ok", detail: "fresh" }],
    }),
    specs: async () => ["proposals/20261125-raise-ratio.json"],
    checkDraftValue: async (key, value) => (value === "99d" ? `${value} is above ${key}'s maximum 30 d` : undefined),
    saveDraft: async (title, changes) => {
      calls.push(`save ${title} ${changes.map((c) => `${c.key}=${c.value}`).join(",")}`);
      return "proposals/20261125-test.json";
    },
    simulate: async (file, onStep) => {
      onStep("voting", 2, 4);
      calls.push(`simulate ${file}`);
      return {
        title: "Raise",
        passed: true,
        gasUsed: 123_456n,
        checks: [{ name: "bounds", level: "ok", message: "within bounds" }],
        changes: [{ name: "collateral.minRatioBps", before: "120%", after: "130%" }],
      };
    },
    vote: async (id, support) => {
      calls.push(`vote ${id} ${support}`);
      return "voted";
    },
    draftPause: async (target, reason) => {
      calls.push(`pause ${target} ${reason}`);
      return ".stab3l/safe-txs/x.json";
    },
    ...overrides,
  };
  return { data, calls };
}

describe("console UI components", () => {
  it("Table cuts prose columns to the room it has, never an identifier column", () => {
    const rows = [{ id: "0x" + "ab".repeat(32), note: "y".repeat(50) }];
    const columns = [
      { header: "id", cell: (r: (typeof rows)[number]) => r.id },
      { header: "note", cell: (r: (typeof rows)[number]) => r.note, shrink: true },
    ];
    const { lastFrame } = render(<Table rows={rows} columns={columns} width={80} />);
    expect(lastFrame()).to.contain(rows[0].id); // whole, on one line
    expect(lastFrame()).to.contain("y".repeat(11) + "…");
    expect(
      lastFrame()!
        .split("\n")
        .every((l) => l.length <= 80),
    ).to.equal(true);
    // No room given (output without a terminal): nothing is cut.
    const { lastFrame: wide } = render(<Table rows={rows} columns={columns} />);
    expect(wide()).to.contain(rows[0].note);
    expect(columnWidths([10, 40], [{ header: "a" }, { header: "b", shrink: true }], 30)).to.deep.equal([10, 18]);
    // Only identifiers: they keep their width even past the room.
    expect(columnWidths([50], [{ header: "a" }], 30)).to.deep.equal([50]);
  });

  it("Table shows a window of rows that keeps the selected row in view", () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ k: `row-${i}` }));
    const columns = [{ header: "k", cell: (r: { k: string }) => r.k }];
    const { lastFrame, rerender } = render(<Table rows={rows} columns={columns} selected={0} height={6} />);
    expect(lastFrame()!.split("\n")).to.have.length(6); // header, 4 rows, position line
    expect(lastFrame()).to.contain("rows 1-4 of 30 ↓");
    rerender(<Table rows={rows} columns={columns} selected={12} height={6} />);
    expect(lastFrame()).to.contain("row-12");
    expect(lastFrame()).to.contain("↑ rows 10-13 of 30 ↓");
    rerender(<Table rows={rows} columns={columns} selected={11} height={6} />);
    expect(lastFrame()).to.contain("↑ rows 10-13 of 30 ↓"); // moving up inside the window does not scroll
    rerender(<Table rows={rows} columns={columns} selected={29} height={6} />);
    expect(lastFrame()).to.contain("↑ rows 27-30 of 30");
    expect(scrollWindow(0, 5, 10, 3)).to.equal(0);
    expect(scrollWindow(40, 45, 10, 50)).to.equal(40); // a grown terminal never scrolls past the end
    expect(scrollWindow(45, 47, 10, 50)).to.equal(40);
  });

  it("ProgressBar shows the ratio", () => {
    const { lastFrame } = render(<ProgressBar value={1} total={4} width={8} label="quorum" />);
    expect(lastFrame()).to.contain("██░░░░░░  25% quorum");
  });

  it("nextStep counts down to the next stage", () => {
    expect(nextStep(proposal, 1_000n)).to.equal("vote closes in 3d 0h");
    expect(nextStep({ ...proposal, state: "Queued", eta: 5_000n }, 1_400n)).to.equal("executable in 1h 0m");
    expect(nextStep({ ...proposal, state: "Queued", eta: 5_000n }, 6_000n)).to.equal("executable now");
  });

  it("SimulationReport lists checks and state changes", () => {
    const { lastFrame } = render(
      <SimulationReport
        s={{
          title: "Raise",
          passed: false,
          gasUsed: 1_000n,
          checks: [{ name: "bounds", level: "error", message: "130% > max 125%" }],
          changes: [{ name: "x", before: "1", after: "2" }],
        }}
      />,
    );
    expect(lastFrame()).to.contain("✗ Raise: fails · gas 1,000");
    expect(lastFrame()).to.contain("✗ bounds: 130% > max 125%");
    expect(lastFrame()).to.contain("x: 1 → 2");
  });
});

describe("console TUI (App)", () => {
  afterEach(() => cleanup());

  it("opens on proposals, shows the header, and switches views with number keys", async () => {
    const { data } = fakeData();
    const { lastFrame, stdin, unmount } = render(<App data={data} />);
    await until(lastFrame, (f) => f.includes("#3") && f.includes("localhost · chain 31337 · block #42"));
    expect(lastFrame()).to.contain("Raise the collateral ratio");
    stdin.write("2");
    await until(lastFrame, (f) => f.includes("staking.minPeriod"));
    stdin.write("6");
    await until(lastFrame, (f) => f.includes("CU/USD") && f.includes("$0.06"));
    unmount();
  });

  it("votes from a proposal's detail after a y confirmation", async () => {
    const { data, calls } = fakeData();
    const { lastFrame, stdin, unmount } = render(<App data={data} />);
    await until(lastFrame, (f) => f.includes("#3"));
    stdin.write("\r");
    await until(lastFrame, (f) => f.includes("Actions") && f.includes("1. Set collateral.minRatioBps to 130%"));
    stdin.write("f");
    await until(lastFrame, (f) => f.includes("Vote for on #3? (y/n)"));
    expect(calls).to.deep.equal([]);
    stdin.write("y");
    await until(lastFrame, (f) => f.includes("voted"));
    expect(calls).to.deep.equal(["vote 3 for"]);
    unmount();
  });

  it("drafts: a value the rules refuse is explained and not added; digits typed into a field do not switch views", async () => {
    const { data, calls } = fakeData();
    const { lastFrame, stdin, unmount } = render(<App data={data} initial="Draft" />);
    await until(lastFrame, (f) => f.includes("Draft a parameter change") && f.includes("staking.minPeriod"));
    stdin.write("\r");
    await until(lastFrame, (f) => f.includes("new staking.minPeriod:"));
    await type(stdin, lastFrame, "99d");
    stdin.write("\r");
    await until(lastFrame, (f) => f.includes("99d is above staking.minPeriod's maximum 30 d"));
    expect(lastFrame()).to.contain("Changes (0)");
    stdin.write("\r");
    await until(lastFrame, (f) => f.includes("new staking.minPeriod:"));
    await type(stdin, lastFrame, "14d");
    stdin.write("\r");
    await until(lastFrame, (f) => f.includes("Changes (1)") && f.includes("staking.minPeriod → 14d"));
    stdin.write("s");
    await until(lastFrame, (f) => f.includes("title:"));
    await type(stdin, lastFrame, "Longer staking");
    stdin.write("\r");
    await until(lastFrame, (f) => f.includes("saved proposals/20261125-test.json"));
    expect(calls).to.deep.equal(["save Longer staking staking.minPeriod=14d"]);
    unmount();
  });

  it("simulates a spec with progress and shows the report", async () => {
    const { data, calls } = fakeData();
    const { lastFrame, stdin, unmount } = render(<App data={data} initial="Simulate" />);
    await until(lastFrame, (f) => f.includes("proposals/20261125-raise-ratio.json"));
    stdin.write("\r");
    await until(
      lastFrame,
      (f) => f.includes("✓ Raise: passes · gas 123,456") && f.includes("collateral.minRatioBps: 120% → 130%"),
    );
    expect(calls).to.deep.equal(["simulate proposals/20261125-raise-ratio.json"]);
    unmount();
  });

  it("guardian view drafts a pause only with a reason", async () => {
    const { data, calls } = fakeData();
    const { lastFrame, stdin, unmount } = render(<App data={data} initial="Guardian" />);
    await until(lastFrame, (f) => f.includes("Pull the brake on") && f.includes("SpotMarket"));
    stdin.write("\u001B[B"); // down: SpotMarket
    await tick(60);
    stdin.write("p");
    await until(lastFrame, (f) => f.includes("reason for pausing SpotMarket:"));
    stdin.write("\r");
    await until(lastFrame, (f) => f.includes("a reason is required"));
    await type(stdin, lastFrame, "band breach");
    stdin.write("\r");
    // Nothing is signed before the y.
    await until(lastFrame, (f) => f.includes('Sign a guardian pause of SpotMarket ("band breach") with your key? y/n'));
    expect(calls).to.deep.equal([]);
    stdin.write("n");
    await until(lastFrame, (f) => f.includes("cancelled: nothing was signed"));
    expect(calls).to.deep.equal([]);
    stdin.write("p");
    await until(lastFrame, (f) => f.includes("reason for pausing SpotMarket:"));
    await type(stdin, lastFrame, "band breach");
    stdin.write("\r");
    await until(lastFrame, (f) => f.includes("with your key? y/n"));
    stdin.write("y");
    await until(lastFrame, (f) => f.includes("signed .stab3l/safe-txs/x.json"));
    expect(calls).to.deep.equal(["pause SpotMarket band breach"]);
    unmount();
  });

  it("shows a read error in one line instead of crashing", async () => {
    const { data } = fakeData({
      proposals: async () =>
        Promise.reject(new Error("cannot reach a JSON-RPC node at http://127.0.0.1:8545: is it running?")),
    });
    const { lastFrame, unmount } = render(<App data={data} />);
    await until(lastFrame, (f) => f.includes("cannot reach a JSON-RPC node"));
    unmount();
  });
});

describe("console TUI: live data, layout and the proposal flow", () => {
  afterEach(() => cleanup());

  /** A chain whose head the test moves: header() reports `head.block`. */
  function movingHead() {
    const head = { block: 42, timestamp: 2_000 };
    return {
      head,
      header: async () => ({ network: "localhost", chainId: 31337, ...head }),
    };
  }

  it("re-reads a view when a new block arrives, and says at which block it read", async () => {
    const chain = movingHead();
    let proposals: ProposalRow[] = [];
    const { data } = fakeData({ header: chain.header, proposals: async () => proposals });
    const { lastFrame, unmount } = render(<App data={data} pollMs={20} />);
    await until(lastFrame, (f) => f.includes("No proposals yet") && f.includes("read at block #42"));
    proposals = [{ ...proposal, id: 1n, state: "Executed" }];
    // Same block: nothing new to read (the view does not poll the chain itself).
    await tick(200);
    expect(lastFrame()).to.contain("No proposals yet");
    chain.head.block = 43;
    await until(lastFrame, (f) => f.includes("#1") && f.includes("Executed") && f.includes("read at block #43"));
    expect(lastFrame()).to.not.contain("No proposals yet");
    unmount();
  });

  it("keeps what it read when a refresh fails, with the error beside it", async () => {
    const chain = movingHead();
    let fail = false;
    const { data } = fakeData({
      header: chain.header,
      proposals: async () => (fail ? Promise.reject(new Error("node went away")) : [proposal]),
    });
    const { lastFrame, unmount } = render(<App data={data} pollMs={20} />);
    await until(lastFrame, (f) => f.includes("#3"));
    fail = true;
    chain.head.block = 43;
    await until(lastFrame, (f) => f.includes("refresh failed: node went away"));
    expect(lastFrame()).to.contain("Raise the collateral ratio");
    unmount();
  });

  it("guardian view drops a pause once the chain's clock passes its end, and re-reads on new blocks", async () => {
    const chain = movingHead();
    const pause = {
      contract: "SSTBToken",
      functionName: "(whole contract)",
      until: "1970-01-01T00:50:00Z",
      pausedUntil: 3_000n,
      status: "active",
    };
    let pauses = [pause];
    const { data } = fakeData({
      header: chain.header,
      guardian: async () => ({ guardianSafe: "0xGuardian", pauseLasts: "10 d", pausable: ["SSTBToken"], pauses }),
    });
    const { lastFrame, unmount } = render(<App data={data} initial="Guardian" pollMs={20} />);
    await until(lastFrame, (f) => f.includes("In force (1)") && f.includes("SSTBToken") && f.includes("in 16m"));
    // Time passes on chain (a block at t=3,000): the pause is over even before the view reads again.
    chain.head.timestamp = 3_000;
    await until(lastFrame, (f) => f.includes("In force (0)") && f.includes("nothing is paused"));
    pauses = [{ ...pause, pausedUntil: 2n ** 64n - 1n, until: "until governance unpauses", status: "confirmed" }];
    chain.head.block = 43;
    await until(lastFrame, (f) => f.includes("In force (1)") && f.includes("until governance unpauses"));
    unmount();
  });

  it("fits the terminal: header and tabs stay on top, a long list scrolls with the selection in view", async () => {
    const parameters = Array.from({ length: 56 }, (_, i) => ({
      key: `domain.parameter${String(i).padStart(2, "0")}`,
      unit: "Seconds",
      value: `${i} d`,
      bounds: "1 d .. 90 d",
      step: "any",
      cooldown: "1 d",
      description: `parameter ${i}`,
    }));
    const { data } = fakeData({ parameters: async () => parameters });
    const { lastFrame, stdin, unmount } = render(<App data={data} initial="Parameters" />);
    // ink-testing-library's terminal is 100 columns; it has no rows, so the console takes 24.
    const frame = await until(lastFrame, (f) => f.includes("domain.parameter00"));
    const lines = frame.split("\n");
    expect(lines.length).to.be.at.most(23);
    expect(lines[0]).to.match(/^STAB3L governance/);
    expect(lines.some((l) => l.startsWith("1 Proposals"))).to.equal(true);
    expect(frame).to.match(/rows 1-\d+ of 56 ↓/);
    for (let i = 0; i < 40; i++) stdin.write("\u001B[B");
    const down = await until(lastFrame, (f) => f.includes("domain.parameter40"));
    expect(down.split("\n").length).to.be.at.most(23);
    expect(down.split("\n")[0]).to.match(/^STAB3L governance/);
    expect(down).to.not.contain("domain.parameter00");
    expect(down.split("\n").every((l) => l.length <= 100)).to.equal(true);
    stdin.write("\r");
    await until(lastFrame, (f) => f.includes("parameter 40"));
    unmount();
  });

  /** The detail of a proposal in `state`, with what the keys did. */
  async function detail(overrides: Partial<ProposalRow>, now = 2_000n) {
    const row = { ...proposal, ...overrides };
    const { data, calls } = fakeData({
      header: async () => ({ network: "localhost", chainId: 31337, block: 42, timestamp: Number(now) }),
      proposals: async () => [row],
      proposal: async () => ({
        ...row,
        proposer: "core Safe",
        description: "",
        actions: [
          { summary: "Set guardian.repauseCooldown to 2 d", details: ["guardian.repauseCooldown: 3 d → 2 d"] },
          { summary: "Set peg.k to 0.4 (wad)", details: [] },
        ],
      }),
      queue: async (id) => {
        calls.push(`queue ${id}`);
        return `queued #${id}`;
      },
      execute: async (id) => {
        calls.push(`execute ${id}`);
        return `executed #${id}`;
      },
    });
    const r = render(<App data={data} />);
    await until(r.lastFrame, (f) => f.includes("#3"));
    r.stdin.write("\r");
    await until(r.lastFrame, (f) => f.includes("Actions") && f.includes("esc back"));
    return { ...r, calls };
  }

  it("numbers actions, not their state diffs, and has no stray separator after the proposer", async () => {
    const { lastFrame, unmount } = await detail({ state: "Executed" });
    const f = lastFrame()!;
    expect(f).to.contain("1. Set guardian.repauseCooldown to 2 d");
    expect(f).to.contain("   guardian.repauseCooldown: 3 d → 2 d");
    expect(f).to.contain("2. Set peg.k to 0.4 (wad)");
    expect(f).to.match(/proposer core Safe\n/);
    unmount();
  });

  it("offers vote keys only while Active", async () => {
    const active = await detail({ state: "Active" });
    expect(active.lastFrame()).to.contain("f/a/b vote");
    expect(active.lastFrame()).to.not.contain("u queue");
    active.unmount();
    for (const state of ["Pending", "Succeeded", "Queued", "Executed", "Defeated"]) {
      const d = await detail({ state, eta: 1_000n });
      expect(d.lastFrame(), state).to.not.contain("f/a/b");
      d.stdin.write("f");
      await tick(60);
      expect(d.lastFrame(), state).to.not.contain("Vote for");
      d.unmount();
      cleanup();
    }
  });

  it("queues a Succeeded proposal and executes a Queued one once its ETA passed, after a y", async () => {
    const succeeded = await detail({ state: "Succeeded" });
    expect(succeeded.lastFrame()).to.contain("u queue");
    succeeded.stdin.write("u");
    await until(succeeded.lastFrame, (f) => f.includes("Queue #3 in the Timelock? (y/n)"));
    expect(succeeded.calls).to.deep.equal([]);
    succeeded.stdin.write("y");
    await until(succeeded.lastFrame, (f) => f.includes("queued #3"));
    expect(succeeded.calls).to.deep.equal(["queue 3"]);
    succeeded.unmount();
    cleanup();

    const waiting = await detail({ state: "Queued", eta: 5_000n }, 2_000n);
    expect(waiting.lastFrame()).to.contain("executable in");
    expect(waiting.lastFrame()).to.not.contain("e execute");
    waiting.unmount();
    cleanup();

    const ready = await detail({ state: "Queued", eta: 1_500n }, 2_000n);
    expect(ready.lastFrame()).to.contain("executable now");
    expect(ready.lastFrame()).to.contain("e execute");
    expect(ready.lastFrame()).to.not.contain("f/a/b");
    ready.stdin.write("e");
    await until(ready.lastFrame, (f) => f.includes("Execute #3? (y/n)"));
    ready.stdin.write("n");
    await tick(60);
    expect(ready.calls).to.deep.equal([]);
    ready.stdin.write("e");
    await until(ready.lastFrame, (f) => f.includes("Execute #3? (y/n)"));
    ready.stdin.write("y");
    await until(ready.lastFrame, (f) => f.includes("executed #3"));
    expect(ready.calls).to.deep.equal(["execute 3"]);
    ready.unmount();
  });
});
