import React from "react";
import { Box, Text } from "ink";
import { formatDuration } from "../../governance/units.js";
import type { DelegateResult } from "../commands/delegate.js";
import type { GuardianStatus } from "../commands/guardian.js";
import type { SafeExecuteResult, SafeFileResult } from "../commands/safe.js";
import type { VoteResult } from "../commands/vote.js";
import { KeyValues, Section } from "./Section.js";
import { Table } from "./Table.js";
import { glyph, theme } from "./theme.js";
import { formatUnits } from "ethers";

const rstb = (v: bigint) => `${Number(formatUnits(v, 18)).toLocaleString("en-US")} rSTB`;

export function VoteView({ r }: { r: VoteResult }) {
  return (
    <Text color={theme.ok}>
      {glyph.ok} voted {r.support} on proposal {r.proposalId} with {rstb(r.weight)}
      {r.reason ? ` ("${r.reason}")` : ""} — tx {r.transactionHash}
    </Text>
  );
}

export function DelegateView({ r }: { r: DelegateResult }) {
  return (
    <Text color={theme.ok}>
      {glyph.ok} {r.delegator} now delegates to {r.delegatee}, who has {rstb(r.votes)} of votes — tx {r.transactionHash}
    </Text>
  );
}

export function SafeFileView({ r }: { r: SafeFileResult }) {
  return (
    <Box flexDirection="column">
      <Section title="Safe transaction">
        <KeyValues
          items={[
            ["file", r.file],
            ["safe", r.safe],
            ["safeTxHash", r.safeTxHash],
            ["nonce", String(r.nonce)],
            ["signatures", `${r.signatures} of ${r.threshold} (${r.signers.join(", ")})`],
          ]}
        />
      </Section>
      <Section title="Next">
        {r.next.map((n, i) => (
          <Text key={i} color={theme.accent}>
            {glyph.arrow} {n}
          </Text>
        ))}
      </Section>
    </Box>
  );
}

export function SafeExecuteView({ r }: { r: SafeExecuteResult }) {
  return (
    <Box flexDirection="column">
      <Text color={r.success ? theme.ok : theme.error}>
        {r.success ? glyph.ok : glyph.error} Safe transaction {r.safeTxHash}{" "}
        {r.success ? "executed" : "FAILED inside the Safe"} — tx {r.transactionHash}
      </Text>
      {r.proposalId !== undefined && (
        <Text color={theme.accent}>
          proposal {r.proposalId.toString()} created (stab3l proposals show {r.proposalId.toString()})
        </Text>
      )}
    </Box>
  );
}

const until = (t: bigint) =>
  t === 2n ** 64n - 1n ? "until governance unpauses" : new Date(Number(t) * 1000).toISOString();

export function GuardianStatusView({ s }: { s: GuardianStatus }) {
  const live = s.pauses.filter((p) => p.status === "active" || p.status === "confirmed");
  return (
    <Box flexDirection="column">
      <Section title="Guardian">
        <KeyValues
          items={[
            ["guardian Safe", s.guardianSafe],
            ["pause lasts", `${formatDuration(s.maxPauseDuration)} unless governance confirms it`],
            ["re-pause after", `${formatDuration(s.repauseCooldown)} once a contract's guardian window closed`],
            ["pausable", s.pausable.map((p) => p.name).join(", ") || "(none)"],
          ]}
        />
      </Section>
      <Section title={`Pauses in force (${live.length})`}>
        {live.length === 0 ? (
          <Text color={theme.ok}>{glyph.ok} nothing is paused</Text>
        ) : (
          <Table
            rows={live}
            columns={[
              { header: "contract", cell: (p) => p.targetName },
              { header: "function", cell: (p) => p.functionName },
              {
                header: "until",
                cell: (p) => until(p.pausedUntil),
                shrink: true,
                color: (p) => (p.status === "confirmed" ? theme.error : theme.warn),
              },
            ]}
          />
        )}
      </Section>
      {s.pauses.length > live.length && (
        <Text color={theme.muted}>{s.pauses.length - live.length} earlier pause(s) expired or lifted</Text>
      )}
    </Box>
  );
}
