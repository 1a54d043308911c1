import React, { useState } from "react";
import { Box, Text, useInput } from "ink";
import type { ConsoleData, SimulationSummary } from "./models.js";
import { KeyHints } from "./KeyHints.js";
import { ProgressBar } from "./ProgressBar.js";
import { Spinner } from "./Spinner.js";
import { glyph, theme } from "./theme.js";
import { useAsync } from "./useAsync.js";
import { useLayout } from "./layout.js";
import { ScrollList } from "./ScrollList.js";

const levelGlyph = { ok: glyph.ok, warning: glyph.warn, error: glyph.error } as const;
const levelColor = { ok: theme.ok, warning: theme.warn, error: theme.error } as const;

export function SimulationReport({ s }: { s: SimulationSummary }) {
  return (
    <Box flexDirection="column">
      <Text bold color={s.passed ? theme.ok : theme.error}>
        {s.passed ? glyph.ok : glyph.error} {s.title}: {s.passed ? "passes" : "fails"} · gas{" "}
        {s.gasUsed.toLocaleString("en-US")}
      </Text>
      {s.checks.map((c, i) => (
        <Text key={i} color={levelColor[c.level]}>
          {levelGlyph[c.level]} {c.name}: <Text color={theme.value}>{c.message}</Text>
        </Text>
      ))}
      {s.changes.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.heading}>State changes</Text>
          {s.changes.slice(0, 12).map((c, i) => (
            <Text key={i}>
              {c.name}: <Text color={theme.muted}>{c.before}</Text> {glyph.arrow}{" "}
              <Text color={theme.accent}>{c.after}</Text>
            </Text>
          ))}
          {s.changes.length > 12 && <Text color={theme.muted}>… {s.changes.length - 12} more in the report</Text>}
        </Box>
      )}
      {s.reportFile && <Text color={theme.muted}>full report: {s.reportFile}</Text>}
    </Box>
  );
}

/** TUI view: choose a spec from proposals/ and simulate it on the connected node (state restored after). */
export function SimulateView({ data, active }: { data: ConsoleData; active: boolean }) {
  const { height } = useLayout();
  const [specs, reload] = useAsync(() => data.specs());
  const [selected, setSelected] = useState(0);
  const [run, setRun] = useState<{ step: string; done: number; total: number } | undefined>();
  const [result, setResult] = useState<SimulationSummary | string | undefined>();
  useInput(
    (input, key) => {
      if (specs.status !== "ok" || run) return;
      if (key.upArrow) setSelected((s) => Math.max(0, s - 1));
      if (key.downArrow) setSelected((s) => Math.min(specs.data.length - 1, s + 1));
      if (input === "r") reload();
      if (key.return && specs.data[selected]) {
        setResult(undefined);
        setRun({ step: "starting", done: 0, total: 1 });
        data
          .simulate(specs.data[selected], (step, done, total) => setRun({ step, done, total }))
          .then(
            (s) => setResult(s),
            (e: Error) => setResult(e.message),
          )
          .finally(() => setRun(undefined));
      }
    },
    { isActive: active },
  );
  if (specs.status === "loading") return <Spinner label="listing proposals/" />;
  if (specs.status === "error") return <Text color={theme.error}>{specs.error}</Text>;
  return (
    <Box flexDirection="column">
      {specs.data.length === 0 && <Text color={theme.muted}>No spec files in proposals/ yet: draft one first.</Text>}
      <ScrollList
        items={specs.data}
        selected={selected}
        height={height === undefined ? undefined : Math.max(2, Math.floor(height / 4))}
      />
      {run && (
        <Box flexDirection="column" marginTop={1}>
          <Spinner label={run.step} />
          <ProgressBar value={run.done} total={run.total} />
        </Box>
      )}
      {typeof result === "string" && <Text color={theme.error}>{result}</Text>}
      {result && typeof result !== "string" && (
        <Box marginTop={1}>
          <SimulationReport s={result} />
        </Box>
      )}
      <KeyHints
        hints={[
          ["↑↓", "select"],
          ["enter", "simulate"],
          ["r", "refresh"],
        ]}
      />
    </Box>
  );
}
