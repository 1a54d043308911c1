import React, { useState } from "react";
import { Box, Text, useInput } from "ink";
import type { ConsoleData, ParameterRow } from "./models.js";
import { useLayout } from "./layout.js";
import { ReadAt } from "./ReadAt.js";
import { KeyHints } from "./KeyHints.js";
import { KeyValues } from "./Section.js";
import { Spinner } from "./Spinner.js";
import { Table } from "./Table.js";
import { theme } from "./theme.js";
import { useAsync } from "./useAsync.js";

/** TUI view: every parameter; Enter shows its rules and description. */
export function ParametersPane({ data, active }: { data: ConsoleData; active: boolean }) {
  const { width, height } = useLayout();
  const [state, reload] = useAsync(() => data.parameters(), [], { live: true });
  const [selected, setSelected] = useState(0);
  const [open, setOpen] = useState(false);
  useInput(
    (input, key) => {
      if (state.status !== "ok") return;
      if (open) {
        if (key.escape || key.return || key.backspace) setOpen(false);
        return;
      }
      if (key.upArrow) setSelected((s) => Math.max(0, s - 1));
      if (key.downArrow) setSelected((s) => Math.min(state.data.length - 1, s + 1));
      if (key.return) setOpen(true);
      if (input === "r") reload();
    },
    { isActive: active },
  );
  if (state.status === "loading") return <Spinner label="reading the ParameterStore" />;
  if (state.status === "error") return <Text color={theme.error}>{state.error}</Text>;
  const p = state.data[selected];
  if (open && p) {
    return (
      <Box flexDirection="column">
        <Text bold color={theme.accent}>
          {p.key}
        </Text>
        <Text>{p.description}</Text>
        <KeyValues
          items={[
            ["value", p.value],
            ["unit", p.unit],
            ["bounds", p.bounds],
            ["max step", p.step],
            ["cooldown", p.cooldown],
            ["pending", p.pending ?? "none"],
          ]}
        />
        <ReadAt state={state} />
        <KeyHints hints={[["esc", "back"]]} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Table
        rows={state.data}
        selected={selected}
        height={height === undefined ? undefined : height - 2}
        columns={[
          { header: "key", cell: (r) => r.key, color: () => theme.accent },
          { header: "value", cell: (r) => r.value + (r.pending ? " *" : ""), shrink: true, min: 10 },
          { header: "bounds", cell: (r) => r.bounds, shrink: true, min: 10 },
          // Room for the rules too on a wide terminal.
          ...(width === undefined || width >= 140
            ? [
                { header: "step", cell: (r: ParameterRow) => r.step, shrink: true },
                { header: "cooldown", cell: (r: ParameterRow) => r.cooldown, shrink: true },
              ]
            : []),
        ]}
      />
      <ReadAt state={state} />
      <KeyHints
        hints={[
          ["↑↓", "select"],
          ["enter", "details"],
          ["r", "refresh"],
        ]}
      />
    </Box>
  );
}
