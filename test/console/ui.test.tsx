import React from "react";
import { expect } from "chai";
import { cleanup, render } from "ink-testing-library";
import { App } from "../../console/ui/App.js";
import { ProgressBar } from "../../console/ui/ProgressBar.js";
import { nextStep } from "../../console/ui/ProposalsView.js";
import { SimulationReport } from "../../console/ui/SimulateView.js";
import { Table } from "../../console/ui/Table.js";
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
      actions: [{ target: "ParameterStore", summary: "setParameter collateral.minRatioBps 120% → 130%" }],
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
  it("Table cuts long cells to keep 80 columns", () => {
    const { lastFrame } = render(
      <Table rows={[{ a: "x".repeat(50) }]} columns={[{ header: "a", cell: (r) => r.a, max: 10 }]} />,
    );
    expect(lastFrame()).to.contain("xxxxxxxxx…");
    expect(lastFrame()).to.not.contain("x".repeat(11));
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
    await until(lastFrame, (f) => f.includes("#3") && f.includes("localhost · chain 31337 · #42"));
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
    await until(lastFrame, (f) => f.includes("Actions") && f.includes("setParameter collateral.minRatioBps"));
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
