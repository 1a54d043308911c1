import React from "react";
import { render } from "ink";
import { InputError } from "../governance/errors.js";
import type { Context } from "./context.js";
import type { ConsoleData } from "./ui/models.js";
import { App, type ViewName } from "./ui/App.js";

/**
 * The console's data with the SDK behind it loaded on first use: the first frame draws while ethers, the ABIs
 * and the command handlers load, and each pane's data streams in as it arrives. Whether signing actions exist
 * is known from the options alone (an account was named), so the frame can show them at once.
 */
export function lazyConsoleData(ctx: Context): ConsoleData {
  let loaded: Promise<ConsoleData> | undefined;
  const real = () => (loaded ??= import("./data.js").then(({ consoleData }) => consoleData(ctx)));
  const { as, keystore, keyEnv } = ctx.options;
  const account = Boolean(as || keystore || process.env[keyEnv]);
  const data: ConsoleData = {
    header: async () => (await real()).header(),
    proposals: async () => (await real()).proposals(),
    proposal: async (id) => (await real()).proposal(id),
    parameters: async () => (await real()).parameters(),
    guardian: async () => (await real()).guardian(),
    oracles: async () => (await real()).oracles(),
    specs: async () => (await real()).specs(),
    checkDraftValue: async (key, value) => (await real()).checkDraftValue(key, value),
    saveDraft: async (title, changes) => (await real()).saveDraft(title, changes),
    simulate: async (spec, onStep) => (await real()).simulate(spec, onStep),
  };
  if (account) {
    data.vote = async (id, support) => {
      const d = await real();
      if (!d.vote) throw new InputError("no signer: the account given could not be used (see `stab3l status`)");
      return d.vote(id, support);
    };
    data.draftPause = async (target, reason) => {
      const d = await real();
      if (!d.draftPause) throw new InputError("no signer: the account given could not be used");
      return d.draftPause(target, reason);
    };
  }
  return data;
}

/** Open the Ink console on `view`; resolves when the user quits. */
export async function openConsole(ctx: Context, view: ViewName = "Proposals"): Promise<void> {
  if (!process.stdin.isTTY)
    throw new InputError("the console needs a terminal; use the commands (with --json) in scripts");
  if (ctx.options.json) throw new InputError("--json does not apply to the interactive console");
  // The first frame draws at once, the data streams in. An unreachable node or another chain still ends the
  // console with one clear line, as soon as the connection check fails.
  const app = render(<App data={lazyConsoleData(ctx)} initial={view} />);
  const connection = ctx.chain().then(
    () => undefined,
    (err: unknown) => err,
  );
  const exited = app.waitUntilExit();
  const failure = await Promise.race([connection, exited.then(() => undefined)]);
  if (failure !== undefined) {
    app.unmount();
    throw failure;
  }
  await exited;
}
