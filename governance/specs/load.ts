import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { InputError } from "../errors.js";
import { specSchema, type ProposalSpec } from "./schema.js";

/** proposals/YYYYMMDD-<slug>.json|yaml|yml: a real calendar date, then a lowercase slug. */
export const SPEC_FILE_NAME = /^(\d{4})(\d{2})(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.(json|ya?ml)$/;

/** Check a spec file name; returns its date and slug or throws InputError. */
export function parseSpecFileName(file: string): { date: string; slug: string; format: "json" | "yaml" } {
  const name = basename(file);
  const m = SPEC_FILE_NAME.exec(name);
  if (!m) {
    throw new InputError(
      `${name}: a proposal file is named YYYYMMDD-<slug>.json or .yaml (e.g. 20261201-raise-cap.yaml)`,
    );
  }
  const [, y, mo, d, slug, ext] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) {
    throw new InputError(`${name}: ${y}-${mo}-${d} is not a calendar date`);
  }
  return { date: `${y}-${mo}-${d}`, slug, format: ext === "json" ? "json" : "yaml" };
}

/** The first zod issue as "path: reason" (path "(root)" for the whole document). */
export function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  const path = issue.path.map((p) => (typeof p === "number" ? String(p) : String(p))).join(".");
  return { path: path || "(root)", message: issue.message };
}

/** Validate a parsed spec document; `source` names it in errors. */
export function parseSpec(raw: unknown, source = "spec"): ProposalSpec {
  const parsed = specSchema.safeParse(raw);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new InputError(`${source}: ${path}: ${message}`, {
      details: { path, issues: parsed.error.issues },
    });
  }
  return parsed.data;
}

/** Parse spec text as JSON or YAML. */
export function parseSpecText(text: string, format: "json" | "yaml", source = "spec"): ProposalSpec {
  let raw: unknown;
  try {
    raw = format === "json" ? JSON.parse(text) : parseYaml(text, { intAsBigInt: false });
  } catch (cause) {
    const reason = (cause as Error).message.split("\n")[0];
    throw new InputError(`${source}: not valid ${format.toUpperCase()}: ${reason}`, { cause });
  }
  return parseSpec(raw, source);
}

/**
 * Read, name-check and validate a spec file. What is wrong first is said first: a file that is not there, or
 * is empty, is reported as such before its name is judged.
 */
export function loadSpec(file: string, options: { checkName?: boolean } = {}): ProposalSpec {
  const name = basename(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT"
        ? `no spec file at ${file} (drafts are written to proposals/ by \`stab3l propose draft\`)`
        : code === "EISDIR"
          ? `${file} is a folder, not a spec file`
          : `cannot read ${file}`,
      { cause },
    );
  }
  if (text.trim() === "") throw new InputError(`${file} is empty: a spec needs a title and actions`);
  const format =
    options.checkName === false ? (/\.json$/.test(name) ? "json" : "yaml") : parseSpecFileName(file).format;
  return parseSpecText(text, format, name);
}
