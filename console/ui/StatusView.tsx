import React from "react";
import { Box, Text } from "ink";
import type { StatusData } from "../commands/status.js";
import { KeyValues, Section } from "./Section.js";
import { glyph, theme } from "./theme.js";

export function StatusView({ data }: { data: StatusData }) {
  return (
    <Box flexDirection="column">
      <Section title="Network">
        <KeyValues
          items={[
            ["network", `${data.network} (chain ${data.chainId})`],
            ["rpc", data.rpc],
            ["block", `#${data.block.number} at ${new Date(data.block.timestamp * 1000).toISOString()}`],
          ]}
        />
      </Section>
      <Section title="Governance">
        <KeyValues items={data.settings.map((s) => [s.name, s.display] as [string, string])} />
        <Text color={theme.muted}>{data.parameters} parameters in the ParameterStore (stab3l params list)</Text>
      </Section>
      <Section title="Safes">
        {data.safes.map((s) => (
          <Text key={s.name}>
            {s.name.padEnd(9)} <Text color={theme.address}>{s.address}</Text> {s.threshold}-of-{s.owners.length}
          </Text>
        ))}
      </Section>
      <Section title="Roles">
        {data.handover.holdings.map((h, i) => (
          <Text key={i}>
            {h.contract.padEnd(19)} {h.role.padEnd(19)} <Text color={theme.accent}>{h.holderName}</Text>
          </Text>
        ))}
        {data.handover.ok ? (
          <Text color={theme.ok}>{glyph.ok} no unexpected role holder; the deployer holds nothing</Text>
        ) : (
          data.handover.problems.map((p, i) => (
            <Text key={i} color={theme.error}>
              {glyph.error} {p}
            </Text>
          ))
        )}
      </Section>
    </Box>
  );
}
