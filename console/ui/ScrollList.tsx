import React, { useRef } from "react";
import { Box, Text } from "ink";
import { scrollWindow } from "./layout.js";
import { theme } from "./theme.js";

/**
 * A list with a selected item that shows at most `height` lines (all when undefined): a window that keeps
 * the selection in view, and a position line when not everything fits.
 */
export function ScrollList({
  items,
  selected,
  height,
  render = (item) => item,
}: {
  items: string[];
  selected: number;
  height?: number;
  render?: (item: string, index: number) => React.ReactNode;
}) {
  const fits = height === undefined || items.length <= height;
  const visible = fits ? items.length : Math.max(1, height - 1);
  const first = useRef(0);
  first.current = fits ? 0 : scrollWindow(first.current, selected, visible, items.length);
  const shown = items.slice(first.current, first.current + visible);
  return (
    <Box flexDirection="column">
      {shown.map((item, k) => (
        <Text key={first.current + k} inverse={first.current + k === selected} wrap="truncate-end">
          {render(item, first.current + k)}
        </Text>
      ))}
      {!fits && (
        <Text color={theme.muted}>
          {first.current > 0 ? "↑ " : "  "}
          {first.current + 1}-{first.current + shown.length} of {items.length}
          {first.current + shown.length < items.length ? " ↓" : ""}
        </Text>
      )}
    </Box>
  );
}
