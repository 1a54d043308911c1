import React, { useCallback, useEffect, useRef, useState } from "react";
import { Box, Text, useApp, useInput } from "ink";
import type { ConsoleData, HeaderInfo } from "./models.js";
import { DraftView } from "./DraftView.js";
import { GuardianView } from "./GuardianView.js";
import { OraclesView } from "./OraclesView.js";
import { ParametersPane } from "./ParametersPane.js";
import { ProposalsView } from "./ProposalsView.js";
import { SimulateView } from "./SimulateView.js";
import { KeyHints } from "./KeyHints.js";
import { theme } from "./theme.js";
import { TypingContext } from "./typing.js";

export const VIEWS = ["Proposals", "Parameters", "Draft", "Simulate", "Guardian", "Oracles"] as const;
export type ViewName = (typeof VIEWS)[number];

/**
 * `stab3l console`: a tab per view; 1-6 or Tab/Shift-Tab switch views, q quits (Esc inside a view goes back).
 * While a text field is open (TypingContext), keys are text and the shortcuts stand aside.
 */
export function App({ data, initial = "Proposals" }: { data: ConsoleData; initial?: ViewName }) {
  const { exit } = useApp();
  const [view, setView] = useState<ViewName>(initial);
  const [header, setHeader] = useState<HeaderInfo | undefined>();
  const [headerError, setHeaderError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    const refresh = () =>
      data.header().then(
        (h) => live && (setHeader(h), setHeaderError(undefined)),
        (e: Error) => live && setHeaderError(e.message),
      );
    refresh();
    const timer = setInterval(refresh, 5_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [data]);
  // A ref, not state: the key handler must see a field open the moment it opens, not after a re-render.
  const typing = useRef(false);
  const setTyping = useCallback((value: boolean) => {
    typing.current = value;
  }, []);
  useInput((input, key) => {
    if (typing.current) return;
    const n = Number(input);
    if (n >= 1 && n <= VIEWS.length) setView(VIEWS[n - 1]);
    if (key.tab) setView(VIEWS[(VIEWS.indexOf(view) + (key.shift ? VIEWS.length - 1 : 1)) % VIEWS.length]);
    if (input === "q") exit();
  });
  const now = BigInt(header?.timestamp ?? Math.floor(Date.now() / 1000));
  return (
    <TypingContext.Provider value={setTyping}>
      <Box flexDirection="column" width={80}>
        <Box justifyContent="space-between">
          <Text bold color={theme.accent}>
            STAB3L governance
          </Text>
          <Text color={headerError ? theme.error : theme.muted}>
            {headerError
              ? headerError.slice(0, 50)
              : header
                ? `${header.network} · chain ${header.chainId} · #${header.block}`
                : "connecting …"}
          </Text>
        </Box>
        {header?.account && <Text color={theme.muted}>acting as {header.account}</Text>}
        <Box marginY={1}>
          {VIEWS.map((v, i) => (
            <Text key={v} color={v === view ? theme.selected : theme.muted} bold={v === view}>
              {i > 0 ? " │ " : ""}
              {i + 1} {v}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" minHeight={12}>
          {view === "Proposals" && <ProposalsView data={data} now={now} active />}
          {view === "Parameters" && <ParametersPane data={data} active />}
          {view === "Draft" && <DraftView data={data} active />}
          {view === "Simulate" && <SimulateView data={data} active />}
          {view === "Guardian" && <GuardianView data={data} active />}
          {view === "Oracles" && <OraclesView data={data} active />}
        </Box>
        <Box marginTop={1}>
          <KeyHints
            hints={[
              ["1-6/tab", "views"],
              ["q", "quit"],
            ]}
          />
        </Box>
      </Box>
    </TypingContext.Provider>
  );
}
