import React, { useState } from "react";
import { Box, Text, useInput } from "ink";
import type { ConsoleData } from "./models.js";
import { KeyHints } from "./KeyHints.js";
import { KeyValues } from "./Section.js";
import { Spinner } from "./Spinner.js";
import { Table } from "./Table.js";
import { TextInput } from "./TextInput.js";
import { glyph, theme } from "./theme.js";
import { useAsync } from "./useAsync.js";

/** TUI view: what is paused; guardians pick a contract and give a reason to draft a pause for their Safe. */
export function GuardianView({ data, active }: { data: ConsoleData; active: boolean }) {
  const [state, reload] = useAsync(() => data.guardian());
  const [selected, setSelected] = useState(0);
  const [reasonFor, setReasonFor] = useState<string | undefined>();
  // A drafted pause waits for y before anything is signed, as votes do.
  const [pending, setPending] = useState<{ target: string; reason: string } | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  useInput(
    (input) => {
      if (!pending) return;
      const { target, reason } = pending;
      setPending(undefined);
      if (input !== "y") {
        setMessage("cancelled: nothing was signed");
        return;
      }
      setMessage("drafting the guardian Safe transaction …");
      data.draftPause!(target, reason).then(
        (file) => setMessage(`${glyph.ok} signed ${file}: another guardian signs it (stab3l safe sign), then execute`),
        (e: Error) => setMessage(`${glyph.error} ${e.message}`),
      );
    },
    { isActive: active && pending !== undefined },
  );
  useInput(
    (input, key) => {
      if (state.status !== "ok" || reasonFor) return;
      const targets = ["all", ...state.data.pausable];
      if (key.upArrow) setSelected((s) => Math.max(0, s - 1));
      if (key.downArrow) setSelected((s) => Math.min(targets.length - 1, s + 1));
      if (input === "p" && data.draftPause) setReasonFor(targets[selected]);
      if (input === "r") reload();
    },
    { isActive: active && !reasonFor && !pending },
  );
  if (state.status === "loading") return <Spinner label="reading pauses" />;
  if (state.status === "error") return <Text color={theme.error}>{state.error}</Text>;
  const g = state.data;
  const targets = ["all", ...g.pausable];
  return (
    <Box flexDirection="column">
      <KeyValues
        items={[
          ["guardian Safe", g.guardianSafe],
          ["a pause lasts", g.pauseLasts],
        ]}
      />
      <Box flexDirection="column" marginY={1}>
        <Text color={theme.heading}>In force ({g.pauses.length})</Text>
        {g.pauses.length === 0 ? (
          <Text color={theme.ok}>{glyph.ok} nothing is paused</Text>
        ) : (
          <Table
            rows={g.pauses}
            columns={[
              { header: "contract", cell: (p) => p.contract, max: 18 },
              { header: "function", cell: (p) => p.functionName, max: 22 },
              { header: "until", cell: (p) => p.until, max: 26, color: () => theme.warn },
            ]}
          />
        )}
      </Box>
      <Text color={theme.heading}>Pull the brake on</Text>
      {targets.map((t, i) => (
        <Text key={t} inverse={i === selected}>
          {t}
        </Text>
      ))}
      {reasonFor && (
        <TextInput
          label={`reason for pausing ${reasonFor}:`}
          validate={(r) => (r.trim() ? undefined : "a reason is required: reviewers read it on chain")}
          onCancel={() => setReasonFor(undefined)}
          onSubmit={(reason) => {
            setPending({ target: reasonFor, reason: reason.trim() });
            setReasonFor(undefined);
            setMessage(undefined);
          }}
        />
      )}
      {pending && (
        <Text color={theme.warn}>
          Sign a guardian pause of {pending.target} (&quot;{pending.reason}&quot;) with your key? y/n
        </Text>
      )}
      {message && <Text>{message}</Text>}
      <KeyHints
        hints={
          data.draftPause
            ? [
                ["↑↓", "select"],
                ["p", "draft pause"],
                ["r", "refresh"],
              ]
            : [["r", "refresh"]]
        }
      />
    </Box>
  );
}
