import { ZodError } from "zod";
import { exitCodeOf, Stab3lError } from "../governance/errors.js";
import { bigintReplacer } from "./output.js";

/**
 * Run a command handler: a failure prints one line a person understands (or a JSON error object with --json)
 * and sets the exit code of governance/errors.ts's exitCodeOf: 2 for bad input (nothing was signed or sent),
 * 1 for any other failure.
 */
export async function runCommand(json: boolean, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (caught) {
    // ethers' raw "could not decode result data" becomes a named deployment problem (loaded only then).
    const err =
      (caught as { code?: unknown })?.code === "BAD_DATA"
        ? await (await import("./context.js")).explainError(caught)
        : caught;
    const message =
      err instanceof ZodError
        ? `${err.issues[0].path.join(".") || "input"}: ${err.issues[0].message}`
        : err instanceof Error
          ? err.message
          : String(err);
    if (json) {
      const kind = err instanceof Stab3lError ? err.name : err instanceof ZodError ? "InputError" : "Error";
      process.stdout.write(
        JSON.stringify({ error: { kind, message, details: (err as Stab3lError).details } }, bigintReplacer) + "\n",
      );
    } else {
      process.stderr.write(`error: ${message}\n`);
    }
    process.exitCode = exitCodeOf(err);
  }
}
