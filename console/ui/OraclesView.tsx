import React from "react";
import { Box, Text, useInput } from "ink";
import type { ConsoleData } from "./models.js";
import { KeyHints } from "./KeyHints.js";
import { KeyValues } from "./Section.js";
import { Spinner } from "./Spinner.js";
import { Table } from "./Table.js";
import { theme } from "./theme.js";
import { useAsync } from "./useAsync.js";
import { ReadAt } from "./ReadAt.js";

const color = { ok: theme.ok, warning: theme.warn, error: theme.error } as const;

/** TUI view: every price with its age and health, the sequencer, and the peg. */
export function OraclesView({ data, active }: { data: ConsoleData; active: boolean }) {
  const [state, reload] = useAsync(() => data.oracles(), [], { live: true });
  useInput((input) => input === "r" && reload(), { isActive: active });
  if (state.status === "loading") return <Spinner label="reading feeds" />;
  if (state.status === "error") return <Text color={theme.error}>{state.error}</Text>;
  const o = state.data;
  return (
    <Box flexDirection="column">
      <KeyValues items={[["sequencer", o.sequencer]]} />
      <Box marginY={1}>
        <Table
          rows={o.rows}
          columns={[
            { header: "asset", cell: (r) => r.asset },
            { header: "price", cell: (r) => r.price ?? "—", shrink: true },
            { header: "age", cell: (r) => r.age ?? "—", shrink: true },
            { header: "status", cell: (r) => r.detail, shrink: true, min: 12, color: (r) => color[r.status] },
          ]}
        />
      </Box>
      {o.peg && <KeyValues items={Object.entries(o.peg)} />}
      <ReadAt state={state} />
      <KeyHints hints={[["r", "refresh"]]} />
    </Box>
  );
}
