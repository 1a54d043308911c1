import React from "react";
import { Box, Text } from "ink";
import { theme } from "./theme.js";

/** A titled block. */
export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold color={theme.heading}>
        {title}
      </Text>
      <Box flexDirection="column" paddingLeft={2}>
        {children}
      </Box>
    </Box>
  );
}

/** Label: value lines with aligned labels. */
export function KeyValues({ items }: { items: [string, React.ReactNode][] }) {
  const width = Math.max(...items.map(([k]) => k.length));
  return (
    <Box flexDirection="column">
      {items.map(([k, v]) => (
        <Box key={k}>
          <Box width={width + 1} flexShrink={0}>
            <Text color={theme.muted}>{k}</Text>
          </Box>
          <Box flexShrink={1}>{typeof v === "string" ? <Text wrap="wrap">{v}</Text> : v}</Box>
        </Box>
      ))}
    </Box>
  );
}
