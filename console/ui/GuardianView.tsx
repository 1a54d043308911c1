import React, { useState } from "react";
import { Box, Text, useInput } from "ink";
import type { ConsoleData } from "./models.js";
import { relative } from "./format.js";
import { useLayout } from "./layout.js";
import { ReadAt } from "./ReadAt.js";
import { ScrollList } from "./ScrollList.js";
import { KeyHints } from "./KeyHints.js";
import { KeyValues } from "./Section.js";
import { Spinner } from "./Spinner.js";
import { Table } from "./Table.js";
import { TextInput } from "./TextInput.js";
import { glyph, theme } from "./theme.js";
import { useAsync } from "./useAsync.js";

/** TUI view: what is paused; guardians pick a contract and give a reason to draft a pause for their Safe. */
export function GuardianView({ data, now, active }: { data: ConsoleData; now?: bigint; active: boolean }) {
  const { height } = useLayout();
  const [state, reload] = useAsync(() => data.guardian(), [], { live: true });
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
  // In force: what the chain said, less what has expired since by the chain's clock.
  const inForce = g.pauses.filter((p) => now === undefined || p.pausedUntil === undefined || p.pausedUntil > now);
  const fixed = 2 + 1 + 1 + 1 + 1 + 1 + 1 + (reasonFor ? 2 : 0) + (pending ? 1 : 0) + (message ? 1 : 0);
  const room = height === undefined ? undefined : Math.max(4, height - fixed);
  const pauseRows = room === undefined ? undefined : Math.min(inForce.length + 1, Math.max(2, Math.floor(room / 2)));
  const targetRows = room === undefined ? undefined : Math.max(2, room - (inForce.length === 0 ? 1 : pauseRows!));
  const until = (p: (typeof inForce)[number]) =>
    p.until +
    (now !== undefined && p.pausedUntil !== undefined && p.pausedUntil < 2n ** 64n - 1n
      ? ` (${relative(p.pausedUntil, now)})`
      : "");
  return (
    <Box flexDirection="column">
      <KeyValues
        items={[
          ["guardian Safe", g.guardianSafe],
          ["a pause lasts", g.pauseLasts],
        ]}
      />
      <Box flexDirection="column" marginTop={1}>
        <Text color={theme.heading}>In force ({inForce.length})</Text>
        {inForce.length === 0 ? (
          <Text color={theme.ok}>{glyph.ok} nothing is paused</Text>
        ) : (
          <Table
            rows={inForce}
            height={pauseRows}
            columns={[
              { header: "contract", cell: (p) => p.contract },
              { header: "function", cell: (p) => p.functionName },
              { header: "until", cell: until, shrink: true, color: () => theme.warn },
            ]}
          />
        )}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text color={theme.heading}>Pull the brake on</Text>
        <ScrollList items={targets} selected={selected} height={targetRows} />
      </Box>
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
      <ReadAt state={state} />
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
