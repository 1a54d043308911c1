import type { ZodError } from "zod";
import { exitCodeOf, Stab3lError } from "../governance/errors.js";
import { bigintReplacer } from "./output.js";

/**
 * A zod validation error, recognised without importing zod: this module loads with every command, even
 * `--help`, and zod costs more to load than all of the console's start-up.
 */
function isZodError(err: unknown): err is ZodError {
  return err instanceof Error && err.name === "ZodError" && Array.isArray((err as ZodError).issues);
}

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
    const message = isZodError(err)
      ? `${err.issues[0].path.join(".") || "input"}: ${err.issues[0].message}`
      : err instanceof Error
        ? err.message
        : String(err);
    if (json) {
      const kind = err instanceof Stab3lError ? err.name : isZodError(err) ? "InputError" : "Error";
      process.stdout.write(
        JSON.stringify({ error: { kind, message, details: (err as Stab3lError).details } }, bigintReplacer) + "\n",
      );
    } else {
      process.stderr.write(`error: ${message}\n`);
    }
    process.exitCode = exitCodeOf(err);
  }
}
