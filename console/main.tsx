/**
 * `stab3l`: the operations console. Each command is a plain handler over the SDK (console/commands) and a
 * view (console/ui); `--json` prints the handler's result as JSON instead, for scripts. Handlers and views
 * are imported when their command runs, so `stab3l status` does not load the Safe SDK or the simulator.
 */
import type React from "react";
import { Command, Option } from "commander";
import type { Context } from "./context.js";
import { emit } from "./output.js";
import { runCommand } from "./run.js";

type Handler<A extends unknown[]> = (ctx: Context, ...args: A) => Promise<void>;

/** A command's Ink view, loaded on demand: React and the component load only for human output, not for --json. */
async function view<M, P extends object>(
  load: () => Promise<M>,
  pick: (m: M) => React.ComponentType<P>,
  props: P,
): Promise<React.ReactElement> {
  const [{ createElement }, m] = await Promise.all([import("react"), load()]);
  return createElement(pick(m), props);
}

export function buildProgram(): Command {
  const program = new Command("stab3l")
    .description("STAB3L governance console: parameters, proposals, votes, Safes and guardians")
    .option("--network <name>", "deployment to use (deployments/<name>.json)", "localhost")
    .option("--rpc <url>", "JSON-RPC endpoint (default: STAB3L_RPC_URL, or 127.0.0.1:8545 for localhost)")
    .option("--deployment <file>", "deployment file (default: deployments/<network>.json)")
    .option("--key-env <VAR>", "environment variable holding the signer's private key", "STAB3L_PRIVATE_KEY")
    .option("--keystore <file>", "encrypted JSON keystore of the signer (password in STAB3L_KEYSTORE_PASSWORD)")
    .addOption(
      new Option("--as <account>", "local chain only: act as core-1..3, guardian-1..3, delegate-1..5, user-1..8"),
    )
    .option("--api <url>", "read lists through a STAB3L GraphQL API instead of the chain")
    .option("--json", "machine-readable output, no colour", false)
    .option("-y, --yes", "do not ask before signing or sending", false)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      // With --json, a usage error is a JSON error object on stdout like every other error (scripts parse it).
      outputError: (text, write) => {
        if (!process.argv.includes("--json")) return write(text);
        const message = text.replace(/^error: /, "").trim();
        process.stdout.write(JSON.stringify({ error: { kind: "InputError", message } }) + "\n");
      },
    })
    .exitOverride((err) => {
      // Usage errors (unknown command, missing argument) exit 2 like every other bad input.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });

  const json = () => Boolean(program.opts().json);
  /** Wrap a handler: validate global options, run, print one-line errors with the right exit code. */
  const act =
    <A extends unknown[]>(fn: Handler<A>) =>
    (...args: A) =>
      runCommand(json(), async () => {
        // The SDK (ethers, ABIs) loads when a command runs, not for --help.
        const { Context } = await import("./context.js");
        return fn(Context.from(program.opts()), ...args);
      });

  program
    .command("status")
    .description("network, governance settings, Safes and who holds which role")
    .action(
      act(async (c) => {
        const { status } = await import("./commands/status.js");
        const data = await status(c);
        await emit(c, data, () =>
          view(
            () => import("./ui/StatusView.js"),
            (m) => m.StatusView,
            { data },
          ),
        );
      }),
    );

  const params = program.command("params").description("governed parameters");
  params
    .command("list")
    .description("every parameter with its value and rules")
    .action(
      act(async (c) => {
        const { paramsList } = await import("./commands/params.js");
        const data = await paramsList(c);
        await emit(c, data, () =>
          view(
            () => import("./ui/ParametersView.js"),
            (m) => m.ParametersView,
            { params: data },
          ),
        );
      }),
    );
  params
    .command("show <key>")
    .description("one parameter: rules, pending change, history")
    .action(
      act(async (c, key: string) => {
        const { paramsShow } = await import("./commands/params.js");
        const data = await paramsShow(c, key);
        await emit(c, data, () =>
          view(
            () => import("./ui/ParametersView.js"),
            (m) => m.ParameterDetailView,
            { p: data },
          ),
        );
      }),
    );

  const propose = program.command("propose").description("draft, simulate and submit proposals");
  propose
    .command("draft")
    .description("write a spec file to proposals/ (interactive without --set)")
    .option(
      "--set <key=value>",
      "a parameter change, e.g. guardian.repauseCooldown=2d (repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option("--title <text>", "one-line title")
    .option("--description <markdown>", "motivation and risks (default: a list of the changes)")
    .option("--force", "overwrite an existing spec file", false)
    .action(
      act(async (c, opts: { set: string[]; title?: string; description?: string; force: boolean }) => {
        if (opts.set.length === 0) {
          if (!process.stdin.isTTY || c.options.json)
            throw new (await import("../governance/errors.js")).InputError(
              "give --set key=value (and --title), or run in a terminal for the interactive draft",
            );
          (await import("./terminal.js")).preferLiveRendering();
          const { openConsole } = await import("./tui.js");
          return openConsole(c, "Draft");
        }
        const { proposeDraft, parseSetArgs } = await import("./commands/propose.js");
        const r = await proposeDraft(c, {
          title: opts.title ?? "",
          description: opts.description,
          changes: parseSetArgs(opts.set),
          force: opts.force,
        });
        await emit(c, { file: r.file, spec: r.spec }, () =>
          view(
            () => import("./ui/CommandViews.js"),
            (m) => m.DraftResultView,
            { r },
          ),
        );
      }),
    );
  propose
    .command("simulate <spec>")
    .description("run the proposal on the node (or a fork) and report checks and state changes")
    .action(
      act(async (c, spec: string) => {
        const { proposeSimulate } = await import("./commands/propose.js");
        const { raw: _raw, summary: _summary, markdown: _markdown, ...data } = await proposeSimulate(c, spec);
        const r = { ...data, raw: _raw, summary: _summary, markdown: _markdown };
        await emit(c, data, () =>
          view(
            () => import("./ui/CommandViews.js"),
            (m) => m.SimulateResultView,
            { r },
          ),
        );
        if (!r.passed) process.exitCode = 1;
      }),
    );
  propose
    .command("submit <spec>")
    .description("simulate, then draft and sign the core Safe transaction that proposes it")
    .option("--via-safe", "propose through the core Safe", false)
    .action(
      act(async (c, spec: string, opts: { viaSafe: boolean }) => {
        const { proposeSubmit } = await import("./commands/propose.js");
        const r = await proposeSubmit(c, spec, opts.viaSafe);
        await emit(c, r, () =>
          view(
            () => import("./ui/CommandViews.js"),
            (m) => m.SubmitResultView,
            { r },
          ),
        );
      }),
    );

  const safe = program.command("safe").description("Safe transactions exchanged as files between owners");
  safe
    .command("sign <file>")
    .description("add your signature (writes <file>.<you>.json)")
    .action(
      act(async (c, file: string) => {
        const { safeSign } = await import("./commands/safe.js");
        const r = await safeSign(c, file);
        await emit(c, r, () =>
          view(
            () => import("./ui/ResultViews.js"),
            (m) => m.SafeFileView,
            { r },
          ),
        );
      }),
    );
  safe
    .command("collect <files...>")
    .description("combine signature files into one")
    .option("-o, --out <file>", "output file")
    .action(
      act(async (c, files: string[], opts: { out?: string }) => {
        const { safeCollect } = await import("./commands/safe.js");
        const r = await safeCollect(c, files, opts.out);
        await emit(c, r, () =>
          view(
            () => import("./ui/ResultViews.js"),
            (m) => m.SafeFileView,
            { r },
          ),
        );
      }),
    );
  safe
    .command("execute <files...>")
    .description("execute once enough owners signed (files are combined)")
    .action(
      act(async (c, files: string[]) => {
        const { safeExecute } = await import("./commands/safe.js");
        const r = await safeExecute(c, files);
        await emit(c, r, () =>
          view(
            () => import("./ui/ResultViews.js"),
            (m) => m.SafeExecuteView,
            { r },
          ),
        );
      }),
    );

  const proposals = program.command("proposals").description("read proposals");
  proposals
    .command("list")
    .description("every proposal with its state, votes and next step")
    .action(
      act(async (c) => {
        const { proposalsList } = await import("./commands/proposals.js");
        const list = await proposalsList(c);
        await emit(c, list, () =>
          view(
            () => import("./ui/CommandViews.js"),
            (m) => m.ProposalsListView,
            { list },
          ),
        );
      }),
    );
  proposals
    .command("show <id>")
    .description("state, votes, quorum progress, ETA, decoded actions and ids")
    .action(
      act(async (c, id: string) => {
        const { proposalsShow } = await import("./commands/proposals.js");
        const p = await proposalsShow(c, id);
        await emit(c, p, () =>
          view(
            () => import("./ui/CommandViews.js"),
            (m) => m.ProposalShowView,
            { p },
          ),
        );
      }),
    );

  program
    .command("vote <id> <support>")
    .description("vote for | against | abstain on an active proposal")
    .option("--reason <text>", "reason recorded on chain", "")
    .action(
      act(async (c, id: string, support: string, opts: { reason: string }) => {
        const { vote } = await import("./commands/vote.js");
        const r = await vote(c, id, support, opts.reason);
        await emit(c, r, () =>
          view(
            () => import("./ui/ResultViews.js"),
            (m) => m.VoteView,
            { r },
          ),
        );
      }),
    );

  program
    .command("delegate <address>")
    .description('delegate your rSTB votes to an address ("self" for yourself)')
    .action(
      act(async (c, address: string) => {
        const { delegate } = await import("./commands/delegate.js");
        const r = await delegate(c, address);
        await emit(c, r, () =>
          view(
            () => import("./ui/ResultViews.js"),
            (m) => m.DelegateView,
            { r },
          ),
        );
      }),
    );

  program
    .command("queue <id>")
    .description("queue a succeeded proposal in the Timelock")
    .option("--via-safe", "as a core Safe transaction file instead of from your account", false)
    .action(
      act(async (c, id: string, opts: { viaSafe: boolean }) => {
        const { queueProposal } = await import("./commands/lifecycle.js");
        const r = await queueProposal(c, id, opts.viaSafe);
        await emit(c, r, () =>
          view(
            () => import("./ui/CommandViews.js"),
            (m) => m.QueueResultView,
            { r },
          ),
        );
      }),
    );

  program
    .command("execute <id>")
    .description("execute a queued proposal whose ETA has passed")
    .action(
      act(async (c, id: string) => {
        const { executeProposal } = await import("./commands/lifecycle.js");
        const r = await executeProposal(c, id);
        await emit(c, r, () =>
          view(
            () => import("./ui/CommandViews.js"),
            (m) => m.ExecuteResultView,
            { r },
          ),
        );
      }),
    );

  const guardian = program.command("guardian").description("emergency guardians: pause, never unpause");
  guardian
    .command("status")
    .description("what can be paused and what is paused")
    .action(
      act(async (c) => {
        const { guardianStatus } = await import("./commands/guardian.js");
        const s = await guardianStatus(c);
        await emit(c, s, () =>
          view(
            () => import("./ui/ResultViews.js"),
            (m) => m.GuardianStatusView,
            { s },
          ),
        );
      }),
    );
  guardian
    .command("pause <target>")
    .description('pause a contract (name or address) or "all", through the guardian Safe')
    .option("--via-safe", "draft and sign a guardian Safe transaction", false)
    .option("--reason <text>", "why (recorded on chain)", "")
    .option("--functions <names>", "comma-separated functions to pause instead of the whole contract")
    .action(
      act(async (c, target: string, opts: { viaSafe: boolean; reason: string; functions?: string }) => {
        const { guardianPause } = await import("./commands/guardian.js");
        // Commas inside a signature's parentheses belong to it: "swap(bool,uint256,uint256),poke".
        const functions = opts.functions?.split(/,(?![^(]*\))/).map((f) => f.trim());
        if (functions && (functions.length === 0 || functions.some((f) => f === ""))) {
          throw new (await import("../governance/errors.js")).InputError(
            `--functions "${opts.functions}": give function names or signatures separated by commas`,
          );
        }
        const r = await guardianPause(c, { target, reason: opts.reason, viaSafe: opts.viaSafe, functions });
        await emit(c, r, () =>
          view(
            () => import("./ui/ResultViews.js"),
            (m) => m.SafeFileView,
            { r },
          ),
        );
      }),
    );

  program
    .command("oracles")
    .description("oracle health")
    .command("status")
    .description("prices, age, sequencer, peg deviation")
    .action(
      act(async (c) => {
        const { oraclesStatus } = await import("./commands/oracles.js");
        const o = await oraclesStatus(c);
        await emit(c, o, () =>
          view(
            () => import("./ui/CommandViews.js"),
            (m) => m.OraclesStatusView,
            { o },
          ),
        );
      }),
    );

  program
    .command("dev")
    .description("local chain helpers")
    .command("advance <duration>")
    .description("local chain only: move time forward, e.g. 1d, 12h (local price feeds are re-posted)")
    .option("--no-refresh-feeds", "leave the local price feeds stale")
    .action(
      act(async (c, duration: string, opts: { refreshFeeds: boolean }) => {
        const { devAdvance } = await import("./commands/dev.js");
        const r = await devAdvance(c, duration, { refreshFeeds: opts.refreshFeeds });
        await emit(c, r, () =>
          view(
            () => import("./ui/CommandViews.js"),
            (m) => m.AdvanceView,
            { r },
          ),
        );
      }),
    );

  program
    .command("console")
    .description("the interactive terminal console (Proposals, Parameters, Draft, Simulate, Guardian, Oracles)")
    .action(
      act(async (c) => {
        (await import("./terminal.js")).preferLiveRendering();
        const { openConsole } = await import("./tui.js");
        await openConsole(c);
      }),
    );

  return program;
}

export async function main(argv = process.argv): Promise<void> {
  await buildProgram().parseAsync(argv);
}
