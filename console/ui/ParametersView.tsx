import React from "react";
import { Box, Text } from "ink";
import { formatAmount, formatDuration } from "../../governance/units.js";
import type { ParameterReading } from "../../governance/parameters.js";
import type { ParamDetail } from "../commands/params.js";
import { KeyValues, Section } from "./Section.js";
import { Table } from "./Table.js";
import { theme } from "./theme.js";

function step(p: ParameterReading): string {
  if (p.stepKind === "None") return "any";
  if (p.stepKind === "Absolute") return `±${formatAmount(p.unit, p.maxStep)}`;
  return `±${Number(p.maxStep) / 100}%`;
}

/** The parameter table: keys whole; values, bounds and steps cut to the room there is. */
export function ParametersTable({ params, selected }: { params: ParameterReading[]; selected?: number }) {
  return (
    <Table
      rows={params}
      selected={selected}
      columns={[
        { header: "key", cell: (p) => p.key, color: () => theme.accent },
        {
          header: "value",
          cell: (p) => formatAmount(p.unit, p.value) + (p.pending ? " *" : ""),
          shrink: true,
          min: 10,
        },
        {
          header: "bounds",
          cell: (p) => `${formatAmount(p.unit, p.min)}..${formatAmount(p.unit, p.max)}`,
          shrink: true,
          min: 10,
        },
        { header: "step", cell: step, shrink: true },
      ]}
    />
  );
}

export function ParametersView({ params }: { params: ParameterReading[] }) {
  return (
    <Section title={`Parameters (${params.length})`}>
      <ParametersTable params={params} />
      {params.some((p) => p.pending) && (
        <Text color={theme.muted}>* a scheduled change is pending (stab3l params show &lt;key&gt;)</Text>
      )}
    </Section>
  );
}

const when = (t: bigint) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");

export function ParameterDetailView({ p }: { p: ParamDetail }) {
  return (
    <Box flexDirection="column">
      <Section title={p.key}>
        <Text>{p.description}</Text>
        <KeyValues
          items={[
            ["value", formatAmount(p.unit, p.value)],
            ["unit", p.unit],
            ["bounds", `${formatAmount(p.unit, p.min)} .. ${formatAmount(p.unit, p.max)}`],
            ["max step", step(p)],
            ["cooldown", formatDuration(p.cooldown)],
            [
              "pending",
              p.pending ? `${formatAmount(p.unit, p.pending.value)} at ${when(p.pending.effectiveAt)}` : "none",
            ],
          ]}
        />
      </Section>
      <Section title="History">
        {p.history.map((h, i) => (
          <Text key={i}>
            <Text color={theme.muted}>{when(h.effectiveAt)}</Text> {formatAmount(p.unit, h.value)}
          </Text>
        ))}
      </Section>
    </Box>
  );
}
