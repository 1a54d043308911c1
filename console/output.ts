import { createInterface } from "node:readline/promises";
import type React from "react";
import { InputError } from "../governance/errors.js";
import type { Context } from "./context.js";

/** JSON.stringify replacer that writes bigints as decimal strings. */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** Lines no longer than this are never wrapped when there is no terminal (an Ink frame needs some width). */
const UNWRAPPED = 4_000;

/**
 * The width human output is laid out for: the terminal's on a terminal; without one, COLUMNS when it is set,
 * else none (undefined): piped or redirected output is never wrapped, so identifiers (file names, hashes,
 * addresses) and table rows reach the next program whole.
 */
export function outputColumns(
  stream: { isTTY?: boolean; columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/** Render a view once to text, laid out for `columns` (undefined: no limit). */
export async function renderView(element: React.ReactElement, columns: number | undefined): Promise<string> {
  const [{ renderToString }, { createElement }, { LayoutContext }] = await Promise.all([
    import("ink"),
    import("react"),
    import("./ui/layout.js"),
  ]);
  return renderToString(createElement(LayoutContext.Provider, { value: { width: columns } }, element), {
    columns: columns ?? UNWRAPPED,
  });
}

/**
 * Print a command's result: JSON on stdout with --json (no colour, bigints as strings), otherwise the Ink
 * view rendered once, for the terminal's width (or unwrapped without a terminal: see outputColumns).
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
  const text = await renderView(await view(), outputColumns());
  process.stdout.write(text + "\n");
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
