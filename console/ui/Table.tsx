import React from "react";
import { Box, Text } from "ink";
import { theme } from "./theme.js";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => string;
  color?: (row: Row) => string | undefined;
  /** Longest a cell may be before it is cut with "…", to keep 80 columns. */
  max?: number;
}

function clip(text: string, max?: number): string {
  return max && text.length > max ? text.slice(0, max - 1) + "…" : text;
}

/** A plain text table that fits 80 columns when columns set `max`. */
export function Table<Row>({ rows, columns, selected }: { rows: Row[]; columns: Column<Row>[]; selected?: number }) {
  const cells = rows.map((r) => columns.map((c) => clip(c.cell(r), c.max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  return (
    <Box flexDirection="column">
      <Text color={theme.muted}>
        {columns.map((c, i) => (i < columns.length - 1 ? c.header.padEnd(widths[i]) : c.header)).join("  ")}
      </Text>
      {rows.map((row, r) => (
        <Text key={r} inverse={selected === r}>
          {columns.map((c, i) => (
            <Text key={i} color={c.color?.(row)}>
              {i < columns.length - 1 ? cells[r][i].padEnd(widths[i]) + "  " : cells[r][i]}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
