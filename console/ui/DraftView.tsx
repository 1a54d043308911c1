import React, { useState } from "react";
import { Box, Text, useInput } from "ink";
import type { ConsoleData, DraftChange } from "./models.js";
import { KeyHints } from "./KeyHints.js";
import { Spinner } from "./Spinner.js";
import { TextInput } from "./TextInput.js";
import { glyph, theme } from "./theme.js";
import { useAsync } from "./useAsync.js";
import { useLayout } from "./layout.js";
import { ScrollList } from "./ScrollList.js";

type Mode =
  | { kind: "pick" }
  | { kind: "value"; key: string }
  | { kind: "title" }
  | { kind: "checking"; key: string; value: string };

/**
 * TUI view: pick parameters, type new values (validated against bounds, step and cooldown before they are
 * accepted), then save the draft as a spec file in proposals/.
 */
export function DraftView({ data, active }: { data: ConsoleData; active: boolean }) {
  const { height } = useLayout();
  const [params] = useAsync(() => data.parameters(), [], { live: true });
  const [selected, setSelected] = useState(0);
  const [mode, setMode] = useState<Mode>({ kind: "pick" });
  const [changes, setChanges] = useState<DraftChange[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  useInput(
    (input, key) => {
      if (mode.kind !== "pick" || params.status !== "ok") return;
      if (key.upArrow) setSelected((s) => Math.max(0, s - 1));
      if (key.downArrow) setSelected((s) => Math.min(params.data.length - 1, s + 1));
      if (key.return) setMode({ kind: "value", key: params.data[selected].key });
      if (input === "x" && changes.length) setChanges((c) => c.slice(0, -1));
      if (input === "s" && changes.length) setMode({ kind: "title" });
    },
    { isActive: active && mode.kind === "pick" },
  );
  if (params.status === "loading") return <Spinner label="reading parameters" />;
  if (params.status === "error") return <Text color={theme.error}>{params.error}</Text>;
  // The list gets what the changes, the field and the messages leave.
  const listRows =
    height === undefined
      ? undefined
      : Math.max(3, height - 5 - changes.length - (mode.kind === "pick" ? 0 : 2) - (message ? 1 : 0));
  const width = Math.max(...params.data.map((p) => p.key.length)) + 2;
  return (
    <Box flexDirection="column">
      <Text color={theme.heading}>Draft a parameter change</Text>
      <ScrollList
        items={params.data.map((p) => p.key)}
        selected={selected}
        height={listRows}
        render={(key, i) => (
          <>
            {key.padEnd(width)}
            <Text color={theme.muted}>{params.data[i].value}</Text>
          </>
        )}
      />
      <Box flexDirection="column" marginTop={1}>
        <Text color={theme.heading}>Changes ({changes.length})</Text>
        {changes.map((c, i) => (
          <Text key={i}>
            {glyph.bullet} {c.key} {glyph.arrow} <Text color={theme.accent}>{c.value}</Text>
          </Text>
        ))}
      </Box>
      {mode.kind === "value" && active && (
        <TextInput
          label={`new ${mode.key}:`}
          placeholder="e.g. 2d, 12.5%, 0.3"
          onCancel={() => setMode({ kind: "pick" })}
          onSubmit={(value) => {
            setMode({ kind: "checking", key: mode.key, value });
            data.checkDraftValue(mode.key, value).then((problem) => {
              if (problem) setMessage(`${glyph.error} ${problem}`);
              else {
                setMessage(undefined);
                setChanges((c) => [...c.filter((x) => x.key !== mode.key), { key: mode.key, value }]);
              }
              setMode({ kind: "pick" });
            });
          }}
        />
      )}
      {mode.kind === "checking" && <Spinner label={`checking ${mode.value} against ${mode.key}'s rules`} />}
      {mode.kind === "title" && active && (
        <TextInput
          label="title:"
          placeholder="Short title of the proposal"
          validate={(t) => (t.trim().length < 5 ? "a title of at least 5 characters" : undefined)}
          onCancel={() => setMode({ kind: "pick" })}
          onSubmit={(title) => {
            setMode({ kind: "pick" });
            data.saveDraft(title.trim(), changes).then(
              (file) => {
                setMessage(`${glyph.ok} saved ${file}: simulate it in the Simulate view`);
                setChanges([]);
              },
              (e: Error) => setMessage(`${glyph.error} ${e.message}`),
            );
          }}
        />
      )}
      {message && <Text>{message}</Text>}
      <KeyHints
        hints={[
          ["↑↓", "select"],
          ["enter", "set value"],
          ["x", "drop last"],
          ["s", "save spec"],
        ]}
      />
    </Box>
  );
}
