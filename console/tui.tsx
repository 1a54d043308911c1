import React from "react";
import { render } from "ink";
import { InputError } from "../governance/errors.js";
import type { Context } from "./context.js";
import { consoleData } from "./data.js";
import { App, type ViewName } from "./ui/App.js";

/** Open the Ink console on `view`; resolves when the user quits. */
export async function openConsole(ctx: Context, view: ViewName = "Proposals"): Promise<void> {
  if (!process.stdin.isTTY)
    throw new InputError("the console needs a terminal; use the commands (with --json) in scripts");
  if (ctx.options.json) throw new InputError("--json does not apply to the interactive console");
  await ctx.chain(); // fail with one clear line before drawing anything
  const data = await consoleData(ctx);
  const app = render(<App data={data} initial={view} />);
  await app.waitUntilExit();
}
