import React, { useState } from "react";
import { Box, Text, useInput } from "ink";
import type { ConsoleData, ProposalDetail, ProposalRow } from "./models.js";
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
  const [state] = useAsync(() => data.proposal(id), [id]);
  const [pending, setPending] = useState<"for" | "against" | "abstain" | undefined>();
  const [result, setResult] = useState<string | undefined>();
  useInput(
    (input, key) => {
      if (key.escape || key.backspace) return onBack();
      if (pending) {
        if (input === "y" && data.vote) {
          const support = pending;
          setPending(undefined);
          setResult("sending vote …");
          data.vote(id, support).then(setResult, (e: Error) => setResult(`${glyph.error} ${e.message}`));
        } else if (input === "n") setPending(undefined);
        return;
      }
      if (!data.vote) return;
      if (input === "f") setPending("for");
      if (input === "a") setPending("against");
      if (input === "b") setPending("abstain");
    },
    { isActive: active },
  );
  if (state.status === "loading") return <Spinner label={`loading proposal ${id}`} />;
  if (state.status === "error") return <Text color={theme.error}>{state.error}</Text>;
  const p: ProposalDetail = state.data;
  return (
    <Box flexDirection="column">
      <Text bold>
        #{p.id.toString()} {p.title} <Text color={stateColor[p.state]}>[{p.state}]</Text>
      </Text>
      <Text color={theme.muted}>
        proposer {p.proposer} · {nextStep(p, now)}
      </Text>
      <Text>
        for <Text color={theme.ok}>{compactTokens(p.forVotes)}</Text> · against{" "}
        <Text color={theme.error}>{compactTokens(p.againstVotes)}</Text> · abstain {compactTokens(p.abstainVotes)}
      </Text>
      <QuorumBar p={p} />
      <Box flexDirection="column" marginTop={1}>
        <Text color={theme.heading}>Actions</Text>
        {p.actions.map((a, i) => (
          <Text key={i}>
            {i + 1}. <Text color={theme.accent}>{a.target}</Text> {a.summary}
          </Text>
        ))}
      </Box>
      {pending && (
        <Text color={theme.warn}>
          Vote {pending} on #{p.id.toString()}? (y/n)
        </Text>
      )}
      {result && <Text>{result}</Text>}
      <KeyHints
        hints={
          data.vote
            ? [
                ["f/a/b", "vote for/against/abstain"],
                ["esc", "back"],
              ]
            : [["esc", "back"]]
        }
      />
    </Box>
  );
}

export function ProposalsView({ data, now, active }: { data: ConsoleData; now: bigint; active: boolean }) {
  const [state, reload] = useAsync(() => data.proposals());
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
  if (state.data.length === 0) return <Text color={theme.muted}>No proposals yet. Draft one in the Draft view.</Text>;
  return (
    <Box flexDirection="column">
      <Table
        rows={state.data}
        selected={selected}
        columns={[
          { header: "id", cell: (p) => `#${p.id}` },
          { header: "state", cell: (p) => p.state, color: (p) => stateColor[p.state] },
          { header: "title", cell: (p) => p.title, max: 28 },
          {
            header: "for/against",
            cell: (p) => `${compactTokens(p.forVotes)}/${compactTokens(p.againstVotes)}`,
            max: 12,
          },
          { header: "next", cell: (p) => nextStep(p, now), max: 22 },
        ]}
      />
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
