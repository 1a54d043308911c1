import React from "react";
import { Box, Text } from "ink";
import type { DraftResult, SimulateResult, SubmitResult } from "../commands/propose.js";
import { proposalRow, type ProposalDetailData, type ProposalSummary } from "../commands/proposals.js";
import type { ExecuteResult, QueueResult } from "../commands/lifecycle.js";
import type { OraclesStatus } from "../commands/oracles.js";
import type { SafeFileResult } from "../commands/safe.js";
import { formatDuration } from "../../governance/units.js";
import { compactTokens } from "./format.js";
import { ProgressBar } from "./ProgressBar.js";
import { nextStep } from "./ProposalsView.js";
import { SafeFileView } from "./ResultViews.js";
import { SimulationReport } from "./SimulateView.js";
import { KeyValues, Section } from "./Section.js";
import { Table } from "./Table.js";
import { glyph, theme } from "./theme.js";

export function ProposalsListView({ list }: { list: ProposalSummary[] }) {
  if (list.length === 0) return <Text color={theme.muted}>No proposals yet (stab3l propose draft …).</Text>;
  const now = list[0].now;
  return (
    <Table
      rows={list}
      columns={[
        { header: "id", cell: (p) => `#${p.proposalId}` },
        {
          header: "state",
          cell: (p) => p.state,
          color: (p) =>
            p.state === "Defeated" || p.state === "Canceled"
              ? theme.error
              : p.state === "Executed" || p.state === "Succeeded"
                ? theme.ok
                : theme.accent,
        },
        { header: "title", cell: (p) => p.title, shrink: true, min: 12 },
        {
          header: "for/against/abst.",
          cell: (p) =>
            `${compactTokens(p.votes.for)}/${compactTokens(p.votes.against)}/${compactTokens(p.votes.abstain)}`,
          shrink: true,
        },
        { header: "next", cell: (p) => nextStep(proposalRow(p), now), shrink: true, min: 10 },
      ]}
    />
  );
}

export function ProposalShowView({ p }: { p: ProposalDetailData }) {
  const counted = p.votes.for + p.votes.abstain;
  return (
    <Box flexDirection="column">
      <Section title={`#${p.proposalId} ${p.title}`}>
        <KeyValues
          items={[
            ["state", `${p.state}${nextStep(proposalRow(p), p.now) ? ` · ${nextStep(proposalRow(p), p.now)}` : ""}`],
            ["proposer", p.proposer],
            [
              "votes",
              `for ${compactTokens(p.votes.for)} · against ${compactTokens(p.votes.against)} · abstain ${compactTokens(p.votes.abstain)}`,
            ],
            [
              "quorum",
              <ProgressBar
                key="q"
                value={Number(counted / 10n ** 15n)}
                total={Number(p.quorum / 10n ** 15n) || 1}
                width={20}
                label={`${compactTokens(counted)} of ${compactTokens(p.quorum)}`}
                color={p.quorumReached ? theme.ok : theme.warn}
              />,
            ],
            [
              "voting",
              `${new Date(Number(p.snapshot) * 1000).toISOString()} → ${new Date(Number(p.deadline) * 1000).toISOString()}`,
            ],
            [
              "ETA",
              p.eta > 0n
                ? `${new Date(Number(p.eta) * 1000).toISOString()}${p.eta > p.now ? ` (in ${formatDuration(p.eta - p.now)})` : " (passed)"}`
                : "not queued",
            ],
          ]}
        />
      </Section>
      <Section title="Actions">
        {p.actions.map((a, i) => (
          <Text key={i}>{a}</Text>
        ))}
      </Section>
      <Section title="Ids">
        <KeyValues
          items={[
            ["proposal id", p.ids.proposalId.toString()],
            ["proposal hash", `0x${p.ids.proposalHash.toString(16)}`],
            ["timelock op", p.ids.timelockOperationId],
            ["created in", p.createdIn],
          ]}
        />
      </Section>
    </Box>
  );
}

export function DraftResultView({ r }: { r: DraftResult }) {
  return (
    <Box flexDirection="column">
      <Text color={theme.ok}>
        {glyph.ok} wrote {r.file} ({r.spec.actions.length} action{r.spec.actions.length === 1 ? "" : "s"})
      </Text>
      <Text color={theme.accent}>
        {glyph.arrow} next: stab3l propose simulate {r.file}
      </Text>
    </Box>
  );
}

export function SimulateResultView({ r }: { r: SimulateResult }) {
  return (
    <Box flexDirection="column">
      <SimulationReport s={r.summary} />
      <Text color={r.passed ? theme.ok : theme.error}>
        {r.passed ? glyph.ok : glyph.error}{" "}
        {r.passed ? "simulation passed" : `simulation FAILED (${r.errors} error(s))`}
        {r.warnings ? `, ${r.warnings} warning(s)` : ""} — reports: {r.markdownFile}, {r.jsonFile}
      </Text>
    </Box>
  );
}

export function SubmitResultView({ r }: { r: SubmitResult }) {
  return (
    <Box flexDirection="column">
      <Text color={theme.ok}>
        {glyph.ok} simulation passed ({r.simulation.markdownFile})
      </Text>
      <Section title="Ids, side by side">
        <KeyValues
          items={[
            ["Safe tx hash", r.safeTxHash],
            ["timelock op", r.ids.timelockOperationId],
            ["proposal id", `${r.ids.proposalId}${r.ids.proposed ? "" : " (once proposed)"}`],
          ]}
        />
      </Section>
      <SafeFileView r={r} />
    </Box>
  );
}

export function QueueResultView({ r }: { r: QueueResult | SafeFileResult }) {
  if ("file" in r) return <SafeFileView r={r} />;
  return (
    <Text color={theme.ok}>
      {glyph.ok} proposal {r.proposalId.toString()} queued; executable at {new Date(Number(r.eta) * 1000).toISOString()}{" "}
      (stab3l execute {r.proposalId.toString()})
    </Text>
  );
}

export function ExecuteResultView({ r }: { r: ExecuteResult }) {
  return (
    <Text color={theme.ok}>
      {glyph.ok} proposal {r.proposalId.toString()} executed — tx {r.transactionHash} (
      {r.gasUsed.toLocaleString("en-US")} gas)
    </Text>
  );
}

export function OraclesStatusView({ o }: { o: OraclesStatus }) {
  const color = { ok: theme.ok, warning: theme.warn, error: theme.error } as const;
  return (
    <Box flexDirection="column">
      <Section title="Oracles">
        <KeyValues items={[["sequencer", o.sequencer.status]]} />
      </Section>
      <Table
        rows={o.assets}
        columns={[
          { header: "asset", cell: (a) => a.asset },
          { header: "price (USD)", cell: (a) => (a.priceUsd ? Number(a.priceUsd).toPrecision(6) : "—"), shrink: true },
          {
            header: "age",
            cell: (a) => (a.ageSeconds !== undefined ? formatDuration(BigInt(a.ageSeconds)) : "—"),
            shrink: true,
          },
          { header: "health", cell: (a) => a.detail, shrink: true, min: 12, color: (a) => color[a.status] },
        ]}
      />
      {o.peg && (
        <Section title="Peg">
          <KeyValues items={Object.entries(o.peg)} />
        </Section>
      )}
    </Box>
  );
}

export function AdvanceView({ r }: { r: { advancedBy: bigint; timestamp: number; refreshedFeeds: string[] } }) {
  return (
    <Text color={theme.muted}>
      advanced {formatDuration(r.advancedBy)}; chain time is now {new Date(r.timestamp * 1000).toISOString()}
      {r.refreshedFeeds.length ? `; ${r.refreshedFeeds.length} local price feeds re-posted` : ""}
    </Text>
  );
}
