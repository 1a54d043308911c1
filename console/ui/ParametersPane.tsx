import React, { useState } from "react";
import { Box, Text, useInput } from "ink";
import type { ConsoleData } from "./models.js";
import { KeyHints } from "./KeyHints.js";
import { KeyValues } from "./Section.js";
import { Spinner } from "./Spinner.js";
import { Table } from "./Table.js";
import { theme } from "./theme.js";
import { useAsync } from "./useAsync.js";

/** TUI view: every parameter; Enter shows its rules and description. */
export function ParametersPane({ data, active }: { data: ConsoleData; active: boolean }) {
  const [state, reload] = useAsync(() => data.parameters());
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
        <KeyHints hints={[["esc", "back"]]} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Table
        rows={state.data}
        selected={selected}
        columns={[
          { header: "key", cell: (r) => r.key, max: 30, color: () => theme.accent },
          { header: "value", cell: (r) => r.value + (r.pending ? " *" : ""), max: 18 },
          { header: "bounds", cell: (r) => r.bounds, max: 22 },
        ]}
      />
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
