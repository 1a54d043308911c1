import { createInterface } from "node:readline/promises";
import type React from "react";
import { InputError } from "../governance/errors.js";
import type { Context } from "./context.js";

/** JSON.stringify replacer that writes bigints as decimal strings. */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/**
 * Print a command's result: JSON on stdout with --json (no colour, bigints as strings), otherwise the Ink
 * view rendered once.
 */
export async function emit(
  ctx: Context,
  data: unknown,
  view: () => React.ReactElement | Promise<React.ReactElement>,
): Promise<void> {
  if (ctx.options.json) {
    process.stdout.write(JSON.stringify(data, bigintReplacer, 2) + "\n");
    return;
  }
  // Ink, React and the view (which imports them) load only for human output: --json stays fast to start.
  const element = await view();
  const { render } = await import("ink");
  const instance = render(element, { patchConsole: false, exitOnCtrlC: false });
  instance.unmount();
  await instance.waitUntilExit();
}

/**
 * Ask before signing or sending. `--yes` skips; without a terminal and without --yes it refuses, so a script
 * never signs by accident.
 */
export async function confirm(ctx: Context, question: string): Promise<void> {
  if (ctx.options.yes) return;
  if (!process.stdin.isTTY)
    throw new InputError(`${question}: refusing without confirmation (no terminal); pass --yes`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  let answer = "";
  try {
    // Ctrl-C or Ctrl-D rejects the question: treat it as a "no", and always release the terminal.
    answer = await rl.question(`${question} [y/N] `);
  } catch {
    answer = "";
  } finally {
    rl.close();
  }
  if (!/^y(es)?$/i.test(answer.trim())) throw new InputError("cancelled: nothing was signed or sent");
}

/** Progress lines for long work, on stderr so --json output stays clean. */
export function progress(ctx: Context, line: string): void {
  if (!ctx.options.json) process.stderr.write(`… ${line}\n`);
}
