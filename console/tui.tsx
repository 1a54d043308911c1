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
  /** `name` of the loaded data, called with `args`; a signing action the loaded data lacks says why. */
  const forward =
    (name: keyof ConsoleData) =>
    async (...args: unknown[]): Promise<unknown> => {
      const method = (await real())[name] as ((...a: unknown[]) => Promise<unknown>) | undefined;
      if (!method) throw new InputError("no signer: the account given could not be used (see `stab3l status`)");
      return method(...args);
    };
  const reads = ["header", "proposals", "proposal", "parameters", "guardian", "oracles", "specs"] as const;
  const steps = ["checkDraftValue", "saveDraft", "simulate"] as const;
  // Every optional member of ConsoleData signs: offered only when an account was named, like the loaded data does.
  const signing = ["vote", "queue", "execute", "draftPause"] as const satisfies readonly (keyof ConsoleData)[];
  const names: readonly (keyof ConsoleData)[] = [...reads, ...steps, ...(account ? signing : [])];
  return Object.fromEntries(names.map((name) => [name, forward(name)])) as unknown as ConsoleData;
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
