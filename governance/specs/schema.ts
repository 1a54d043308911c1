import { z } from "zod";
import { amountField } from "./intents/shared.js";
import { INTENTS } from "./intents/index.js";

/**
 * A condition that must hold after the proposal executes (checked by simulation), e.g. "k stays within
 * [0.1, 0.5]". Exactly one of `parameter` / `setting` names the subject; bounds are in its unit.
 */
export const postconditionSchema = z
  .strictObject({
    parameter: z.string().min(1).optional(),
    setting: z.string().min(1).optional(),
    /** Inclusive [min, max]. */
    within: z.tuple([amountField, amountField]).optional(),
    equals: amountField.optional(),
    /** Why it must hold, shown in the report. */
    reason: z.string().optional(),
  })
  .refine((p) => (p.parameter === undefined) !== (p.setting === undefined), {
    message: "name exactly one of parameter or setting",
  })
  .refine((p) => (p.within === undefined) !== (p.equals === undefined), {
    message: "give exactly one of within or equals",
  });
export type Postcondition = z.infer<typeof postconditionSchema>;

/** Any registered intent, discriminated by `kind`. */
export const intentSchema = z.unknown().transform((value, ctx): { kind: string } & Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: "an action must be an object with a kind" });
    return z.NEVER;
  }
  const kind = (value as { kind?: unknown }).kind;
  const intent = INTENTS.find((i) => i.kind === kind);
  if (!intent) {
    ctx.addIssue({
      code: "custom",
      path: ["kind"],
      message: `unknown action kind ${JSON.stringify(kind)} (one of ${INTENTS.map((i) => i.kind).join(", ")})`,
    });
    return z.NEVER;
  }
  const parsed = intent.schema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path as PropertyKey[] });
    }
    return z.NEVER;
  }
  return parsed.data as { kind: string } & Record<string, unknown>;
});

/** A proposal spec: the data file a proposal is drafted in (proposals/YYYYMMDD-<slug>.json|yaml). */
export const specSchema = z.strictObject({
  /** One line; becomes the "# " heading of the on-chain description. */
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((s) => !s.includes("\n"), { message: "must be one line" }),
  /** Markdown: motivation, risks, links. */
  description: z.string().trim().min(1),
  /** Deployment network this spec is for (e.g. "localhost", "arbitrum"); checked when given. */
  network: z.string().min(1).optional(),
  /** Where it was discussed. */
  discussion: z.string().url().optional(),
  actions: z.array(intentSchema).min(1, { message: "a proposal needs at least one action" }),
  postconditions: z.array(postconditionSchema).default([]),
});
export type ProposalSpec = z.infer<typeof specSchema>;
