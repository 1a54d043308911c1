import React, { useState } from "react";
import { Box, Text, useInput } from "ink";
import type { ConsoleData, ProposalDetail, ProposalRow } from "./models.js";
import { useLayout } from "./layout.js";
import { ReadAt } from "./ReadAt.js";
import { KeyHints } from "./KeyHints.js";
import { ProgressBar } from "./ProgressBar.js";
import { Spinner } from "./Spinner.js";
import { Table } from "./Table.js";
import { compactTokens, relative } from "./format.js";
import { glyph, theme } from "./theme.js";
import { useAsync } from "./useAsync.js";

const stateColor: Record<string, string> = {
  Active: theme.accent,
  Pending: theme.muted,
  Succeeded: theme.ok,
  Queued: theme.warn,
  Executed: theme.ok,
  Defeated: theme.error,
  Canceled: theme.error,
  Expired: theme.muted,
};

/** What is next for a proposal, as a countdown. */
export function nextStep(p: ProposalRow, now: bigint): string {
  if (p.state === "Pending") return `vote opens ${relative(p.snapshot, now)}`;
  if (p.state === "Active") return `vote closes ${relative(p.deadline, now)}`;
  if (p.state === "Queued" && p.eta !== undefined)
    return p.eta > now ? `executable ${relative(p.eta, now)}` : "executable now";
  if (p.state === "Succeeded") return "ready to queue";
  return "";
}

export function QuorumBar({ p }: { p: ProposalRow }) {
  const counted = p.forVotes + p.abstainVotes;
  return (
    <ProgressBar
      value={Number(counted / 10n ** 15n)}
      total={Number(p.quorum / 10n ** 15n) || 1}
      width={20}
      label={`quorum ${compactTokens(counted)}/${compactTokens(p.quorum)}`}
      color={counted >= p.quorum ? theme.ok : theme.warn}
    />
  );
}

type Pending = { kind: "vote"; support: "for" | "against" | "abstain" } | { kind: "queue" } | { kind: "execute" };

/** What the proposal's state allows now, among what this console can sign (it needs an account). */
export function allowedActions(p: ProposalRow, now: bigint, data: Pick<ConsoleData, "vote" | "queue" | "execute">) {
  return {
    vote: p.state === "Active" && Boolean(data.vote),
    queue: p.state === "Succeeded" && Boolean(data.queue),
    execute: p.state === "Queued" && p.eta !== undefined && p.eta <= now && Boolean(data.execute),
  };
}

const question = (p: Pending, id: bigint) =>
  p.kind === "vote"
    ? `Vote ${p.support} on #${id}? (y/n)`
    : p.kind === "queue"
      ? `Queue #${id} in the Timelock? (y/n)`
      : `Execute #${id}? (y/n)`;

function Detail({
  data,
  id,
  now,
  onBack,
  active,
}: {
  data: ConsoleData;
  id: bigint;
  now: bigint;
  onBack: () => void;
  active: boolean;
}) {
  const { height } = useLayout();
  const [state, reload] = useAsync(() => data.proposal(id), [id], { live: true });
  const [pending, setPending] = useState<Pending | undefined>();
  const [result, setResult] = useState<string | undefined>();
  const p = state.status === "ok" ? state.data : undefined;
  const allowed = p ? allowedActions(p, now, data) : { vote: false, queue: false, execute: false };
  useInput(
    (input, key) => {
      if (key.escape || key.backspace) return onBack();
      if (pending) {
        if (input === "y") {
          const what = pending;
          setPending(undefined);
          const send =
            what.kind === "vote"
              ? (setResult("sending vote …"), data.vote!(id, what.support))
              : what.kind === "queue"
                ? (setResult("queueing …"), data.queue!(id))
                : (setResult("executing …"), data.execute!(id));
          send.then(
            (r) => {
              setResult(r);
              reload();
            },
            (e: Error) => setResult(`${glyph.error} ${e.message}`),
          );
        } else if (input === "n") setPending(undefined);
        return;
      }
      if (input === "r") reload();
      if (allowed.vote && input === "f") setPending({ kind: "vote", support: "for" });
      if (allowed.vote && input === "a") setPending({ kind: "vote", support: "against" });
      if (allowed.vote && input === "b") setPending({ kind: "vote", support: "abstain" });
      if (allowed.queue && input === "u") setPending({ kind: "queue" });
      if (allowed.execute && input === "e") setPending({ kind: "execute" });
    },
    { isActive: active },
  );
  if (state.status === "loading") return <Spinner label={`loading proposal ${id}`} />;
  if (state.status === "error") return <Text color={theme.error}>{state.error}</Text>;
  const d: ProposalDetail = state.data;
  const next = nextStep(d, now);
  // Action lines get the rows left by the fixed ones (9 and the prompt and result lines).
  const room = height === undefined ? Infinity : Math.max(2, height - 9 - (pending ? 1 : 0) - (result ? 1 : 0));
  const lines = d.actions.flatMap((a, i) => [
    { text: `${i + 1}. ${a.summary}`, detail: false },
    ...a.details.map((t) => ({ text: `   ${t}`, detail: true })),
  ]);
  const shown = lines.length > room ? lines.slice(0, room - 1) : lines;
  const hints: [string, string][] = [];
  if (allowed.vote) hints.push(["f/a/b", "vote for/against/abstain"]);
  if (allowed.queue) hints.push(["u", "queue"]);
  if (allowed.execute) hints.push(["e", "execute"]);
  hints.push(["r", "refresh"], ["esc", "back"]);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        #{d.id.toString()} {d.title} <Text color={stateColor[d.state]}>[{d.state}]</Text>
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        {[d.proposer ? `proposer ${d.proposer}` : "", next].filter(Boolean).join(" · ")}
      </Text>
      <Text>
        for <Text color={theme.ok}>{compactTokens(d.forVotes)}</Text> · against{" "}
        <Text color={theme.error}>{compactTokens(d.againstVotes)}</Text> · abstain {compactTokens(d.abstainVotes)}
      </Text>
      <QuorumBar p={d} />
      <Box flexDirection="column" marginTop={1}>
        <Text color={theme.heading}>Actions</Text>
        {shown.map((l, i) => (
          <Text key={i} color={l.detail ? theme.muted : undefined} wrap="truncate-end">
            {l.text}
          </Text>
        ))}
        {shown.length < lines.length && (
          <Text color={theme.muted}>
            … {lines.length - shown.length} more lines: stab3l proposals show {d.id.toString()}
          </Text>
        )}
      </Box>
      {pending && <Text color={theme.warn}>{question(pending, d.id)}</Text>}
      {result && <Text>{result}</Text>}
      <ReadAt state={state} />
      <KeyHints hints={hints} />
    </Box>
  );
}

export function ProposalsView({ data, now, active }: { data: ConsoleData; now: bigint; active: boolean }) {
  const { height } = useLayout();
  const [state, reload] = useAsync(() => data.proposals(), [], { live: true });
  const [selected, setSelected] = useState(0);
  const [open, setOpen] = useState<bigint | undefined>();
  useInput(
    (input, key) => {
      if (open !== undefined || state.status !== "ok") return;
      if (key.upArrow) setSelected((s) => Math.max(0, s - 1));
      if (key.downArrow) setSelected((s) => Math.min(state.data.length - 1, s + 1));
      if (key.return && state.data[selected]) setOpen(state.data[selected].id);
      if (input === "r") reload();
    },
    { isActive: active },
  );
  if (open !== undefined)
    return <Detail data={data} id={open} now={now} active={active} onBack={() => setOpen(undefined)} />;
  if (state.status === "loading") return <Spinner label="loading proposals" />;
  if (state.status === "error") return <Text color={theme.error}>{state.error}</Text>;
  return (
    <Box flexDirection="column">
      {state.data.length === 0 ? (
        <Text color={theme.muted}>No proposals yet. Draft one in the Draft view.</Text>
      ) : (
        <Table
          rows={state.data}
          selected={Math.min(selected, state.data.length - 1)}
          height={height === undefined ? undefined : height - 2}
          columns={[
            { header: "id", cell: (p) => `#${p.id}` },
            { header: "state", cell: (p) => p.state, color: (p) => stateColor[p.state] },
            { header: "title", cell: (p) => p.title, shrink: true, min: 12 },
            {
              header: "for/against",
              cell: (p) => `${compactTokens(p.forVotes)}/${compactTokens(p.againstVotes)}`,
            },
            { header: "next", cell: (p) => nextStep(p, now), shrink: true, min: 10 },
          ]}
        />
      )}
      <ReadAt state={state} />
      <KeyHints
        hints={[
          ["↑↓", "select"],
          ["enter", "open"],
          ["r", "refresh"],
        ]}
      />
    </Box>
  );
}
