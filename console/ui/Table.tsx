import React, { useRef } from "react";
import { Box, Text } from "ink";
import { scrollWindow, useLayout } from "./layout.js";
import { theme } from "./theme.js";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => string;
  color?: (row: Row) => string | undefined;
  /**
   * Prose or a value that may be cut with "…" when the table is wider than the room it has. Columns without it
   * hold identifiers (ids, keys, names, addresses, hashes) and are never cut.
   */
  shrink?: boolean;
  /** Narrowest a shrinking column gets (default: its header, at least 6). */
  min?: number;
}

const GAP = 2;

function clip(text: string, width: number): string {
  return text.length > width ? text.slice(0, Math.max(0, width - 1)) + "…" : text;
}

/**
 * Column widths: each column's widest cell; when that exceeds `room`, the shrinking columns give up space,
 * the widest first, down to their minimum. Identifier columns keep their width even if the row then overflows.
 */
export function columnWidths(
  natural: number[],
  columns: { header: string; shrink?: boolean; min?: number }[],
  room?: number,
): number[] {
  const widths = [...natural];
  if (room === undefined) return widths;
  let excess = widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1) - room;
  const floor = columns.map((c, i) => Math.min(natural[i], c.min ?? Math.max(6, c.header.length)));
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (columns[i].shrink && widths[i] > floor[i] && (widest < 0 || widths[i] > widths[widest])) widest = i;
    }
    if (widest < 0) break;
    widths[widest]--;
    excess--;
  }
  return widths;
}

/**
 * A plain text table. It takes the width it has (the `width` prop, else the layout's; none = no limit) and,
 * given a `height`, shows a window of rows that keeps the selected row in view, with a line saying which rows
 * are shown.
 */
export function Table<Row>({
  rows,
  columns,
  selected,
  width,
  height,
}: {
  rows: Row[];
  columns: Column<Row>[];
  selected?: number;
  width?: number;
  height?: number;
}) {
  const layout = useLayout();
  const room = width ?? layout.width;
  const raw = rows.map((r) => columns.map((c) => c.cell(r)));
  const natural = columns.map((c, i) => Math.max(c.header.length, ...raw.map((row) => row[i].length)));
  const widths = columnWidths(natural, columns, room);
  const cells = raw.map((row) => row.map((text, i) => clip(text, widths[i])));
  // Rows that fit: the header line, and a position line when not all rows fit.
  const fits = height === undefined || rows.length <= height - 1;
  const visible = fits ? rows.length : Math.max(1, height - 2);
  const first = useRef(0);
  first.current = fits ? 0 : scrollWindow(first.current, selected ?? 0, visible, rows.length);
  const shown = rows.slice(first.current, first.current + visible);
  const line = (texts: string[]) => texts.map((t, i) => (i < texts.length - 1 ? t.padEnd(widths[i] + GAP) : t));
  // An explicit width: a row never wraps (a cut identifier is worse than a clipped line; see columnWidths).
  const lineWidth = widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  return (
    <Box flexDirection="column">
      <Box width={lineWidth} flexShrink={0}>
        <Text color={theme.muted}>{line(columns.map((c) => c.header)).join("")}</Text>
      </Box>
      {shown.map((row, k) => {
        const r = first.current + k;
        return (
          <Box key={r} width={lineWidth} flexShrink={0}>
            <Text inverse={selected === r}>
              {line(cells[r]).map((text, i) => (
                <Text key={i} color={columns[i].color?.(row)}>
                  {text}
                </Text>
              ))}
            </Text>
          </Box>
        );
      })}
      {!fits && (
        <Text color={theme.muted}>
          {first.current > 0 ? "↑ " : "  "}rows {first.current + 1}-{first.current + shown.length} of {rows.length}
          {first.current + shown.length < rows.length ? " ↓" : ""}
        </Text>
      )}
    </Box>
  );
}
