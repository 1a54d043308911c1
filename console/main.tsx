/**
 * `stab3l`: the operations console. Each command is a plain handler over the SDK (console/commands) plus a
 * view (console/ui); `--json` prints the handler's result as JSON instead, for scripts.
 */
import React from "react";
import { Command, Option } from "commander";
import { Context } from "./context.js";
import { emit } from "./output.js";
import { runCommand } from "./run.js";
import { status } from "./commands/status.js";
import { paramsList, paramsShow } from "./commands/params.js";
import { vote } from "./commands/vote.js";
import { delegate } from "./commands/delegate.js";
import { guardianPause, guardianStatus } from "./commands/guardian.js";
import { safeCollect, safeExecute, safeSign } from "./commands/safe.js";
import { StatusView } from "./ui/StatusView.js";
import { ParameterDetailView, ParametersView } from "./ui/ParametersView.js";
import { DelegateView, GuardianStatusView, SafeExecuteView, SafeFileView, VoteView } from "./ui/ResultViews.js";

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
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const ctx = () => Context.from(program.opts());
  const json = () => Boolean(program.opts().json);
  const act = (fn: (c: Context) => Promise<void>) => () => runCommand(json(), async () => fn(ctx()));

  program
    .command("status")
    .description("network, governance settings, Safes and who holds which role")
    .action(
      act(async (c) => {
        const data = await status(c);
        await emit(c, data, () => <StatusView data={data} />);
      }),
    );

  const params = program.command("params").description("governed parameters");
  params
    .command("list")
    .description("every parameter with its value and rules")
    .action(
      act(async (c) => {
        const data = await paramsList(c);
        await emit(c, data, () => <ParametersView params={data} />);
      }),
    );
  params
    .command("show <key>")
    .description("one parameter: rules, pending change, history")
    .action((key: string) =>
      runCommand(json(), async () => {
        const c = ctx();
        const data = await paramsShow(c, key);
        await emit(c, data, () => <ParameterDetailView p={data} />);
      }),
    );

  program
    .command("vote <id> <support>")
    .description("vote for | against | abstain on an active proposal")
    .option("--reason <text>", "reason recorded on chain", "")
    .action((id: string, support: string, opts: { reason: string }) =>
      runCommand(json(), async () => {
        const c = ctx();
        const r = await vote(c, id, support, opts.reason);
        await emit(c, r, () => <VoteView r={r} />);
      }),
    );

  program
    .command("delegate <address>")
    .description('delegate your rSTB votes to an address ("self" for yourself)')
    .action((address: string) =>
      runCommand(json(), async () => {
        const c = ctx();
        const r = await delegate(c, address);
        await emit(c, r, () => <DelegateView r={r} />);
      }),
    );

  const safe = program.command("safe").description("Safe transactions exchanged as files between owners");
  safe
    .command("sign <file>")
    .description("add your signature (writes <file>.<you>.json)")
    .action((file: string) =>
      runCommand(json(), async () => {
        const c = ctx();
        const r = await safeSign(c, file);
        await emit(c, r, () => <SafeFileView r={r} />);
      }),
    );
  safe
    .command("collect <files...>")
    .description("combine signature files into one")
    .option("-o, --out <file>", "output file")
    .action((files: string[], opts: { out?: string }) =>
      runCommand(json(), async () => {
        const c = ctx();
        const r = await safeCollect(c, files, opts.out);
        await emit(c, r, () => <SafeFileView r={r} />);
      }),
    );
  safe
    .command("execute <files...>")
    .description("execute once enough owners signed (files are combined)")
    .action((files: string[]) =>
      runCommand(json(), async () => {
        const c = ctx();
        const r = await safeExecute(c, files);
        await emit(c, r, () => <SafeExecuteView r={r} />);
      }),
    );

  const guardian = program.command("guardian").description("emergency guardians: pause, never unpause");
  guardian
    .command("status")
    .description("what can be paused and what is paused")
    .action(
      act(async (c) => {
        const s = await guardianStatus(c);
        await emit(c, s, () => <GuardianStatusView s={s} />);
      }),
    );
  guardian
    .command("pause <target>")
    .description('pause a contract (name or address) or "all", through the guardian Safe')
    .option("--via-safe", "draft and sign a guardian Safe transaction", false)
    .option("--reason <text>", "why (recorded on chain)", "")
    .option("--functions <names>", "comma-separated functions to pause instead of the whole contract")
    .action((target: string, opts: { viaSafe: boolean; reason: string; functions?: string }) =>
      runCommand(json(), async () => {
        const c = ctx();
        const functions = opts.functions
          ?.split(",")
          .map((f) => f.trim())
          .filter(Boolean);
        const r = await guardianPause(c, { target, reason: opts.reason, viaSafe: opts.viaSafe, functions });
        await emit(c, r, () => <SafeFileView r={r} />);
      }),
    );

  return program;
}

export async function main(argv = process.argv): Promise<void> {
  await buildProgram().parseAsync(argv);
}
