import React from "react";
import { Box, Text } from "ink";
import { LayoutContext, useLayout } from "./layout.js";
import { theme } from "./theme.js";

/** A titled block. */
export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const layout = useLayout();
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold color={theme.heading}>
        {title}
      </Text>
      <Box flexDirection="column" paddingLeft={2}>
        <LayoutContext.Provider value={{ ...layout, width: layout.width && layout.width - 2 }}>
          {children}
        </LayoutContext.Provider>
      </Box>
    </Box>
  );
}

/** Label: value lines with aligned labels; prose values wrap under themselves, identifiers never break. */
export function KeyValues({ items }: { items: [string, React.ReactNode][] }) {
  const width = Math.max(...items.map(([k]) => k.length));
  return (
    <Box flexDirection="column">
      {items.map(([k, v]) => (
        <Box key={k}>
          <Box width={width + 1} flexShrink={0}>
            <Text color={theme.muted}>{k}</Text>
          </Box>
          {typeof v === "string" && !/\s/.test(v) ? (
            // An identifier (file, hash, address) is never broken: it may run past the edge instead.
            <Box width={v.length} flexShrink={0}>
              <Text>{v}</Text>
            </Box>
          ) : (
            <Box flexShrink={1}>{typeof v === "string" ? <Text wrap="wrap">{v}</Text> : v}</Box>
          )}
        </Box>
      ))}
    </Box>
  );
}
