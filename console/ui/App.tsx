import React, { useCallback, useEffect, useMemo, useRef, useState } from "react";
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
import { LayoutContext, useTerminalSize } from "./layout.js";
import { HeadContext, type Head } from "./useAsync.js";

export const VIEWS = ["Proposals", "Parameters", "Draft", "Simulate", "Guardian", "Oracles"] as const;
export type ViewName = (typeof VIEWS)[number];

/** How often the console asks for the chain's head (and the indexer's progress); views re-read when it moves. */
export const HEAD_POLL_MS = 2_000;

/**
 * `stab3l console`: a tab per view; 1-6 or Tab/Shift-Tab switch views, q quits (Esc inside a view goes back).
 * While a text field is open (TypingContext), keys are text and the shortcuts stand aside. It fills the
 * terminal (re-laid out on resize): header and tabs stay on top, each view scrolls inside the rows left.
 */
export function App({
  data,
  initial = "Proposals",
  pollMs = HEAD_POLL_MS,
}: {
  data: ConsoleData;
  initial?: ViewName;
  pollMs?: number;
}) {
  const { columns, rows } = useTerminalSize();
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
    const timer = setInterval(refresh, pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [data, pollMs]);
  const head = useMemo<Head | undefined>(
    () => (header ? { block: header.block, indexedBlock: header.indexedBlock } : undefined),
    [header?.block, header?.indexedBlock],
  );
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
  // One row less than the terminal: Ink redraws a frame as tall as the screen by clearing it (flicker).
  const height = rows - 1;
  const chrome = 5 + (header?.account ? 1 : 0); // header, account, blank, tabs, blank, (view), footer
  const bodyHeight = Math.max(3, height - chrome);
  const status = headerError
    ? headerError
    : header
      ? `${header.network} · chain ${header.chainId} · block #${header.block}` +
        (header.indexedBlock !== undefined ? ` · indexed #${header.indexedBlock}` : "") +
        ` · ${new Date(header.timestamp * 1000).toISOString().slice(11, 19)} UTC`
      : "connecting …";
  return (
    <TypingContext.Provider value={setTyping}>
      <HeadContext.Provider value={head}>
        <Box flexDirection="column" width={columns} height={height} overflow="hidden">
          <Box justifyContent="space-between" flexShrink={0}>
            <Box flexShrink={0} marginRight={2}>
              <Text bold color={theme.accent}>
                STAB3L governance
              </Text>
            </Box>
            <Text color={headerError ? theme.error : theme.muted} wrap="truncate-end">
              {status}
            </Text>
          </Box>
          {header?.account && (
            <Text color={theme.muted} wrap="truncate-end">
              acting as {header.account}
            </Text>
          )}
          <Box marginTop={1} flexShrink={0}>
            <Text wrap="truncate-end">
              {VIEWS.map((v, i) => (
                <Text key={v} color={v === view ? theme.selected : theme.muted} bold={v === view}>
                  {i > 0 ? " │ " : ""}
                  {i + 1} {v}
                </Text>
              ))}
            </Text>
          </Box>
          <LayoutContext.Provider value={{ width: columns, height: bodyHeight }}>
            <Box flexDirection="column" height={bodyHeight} marginTop={1} overflow="hidden" flexShrink={0}>
              {view === "Proposals" && <ProposalsView data={data} now={now} active />}
              {view === "Parameters" && <ParametersPane data={data} active />}
              {view === "Draft" && <DraftView data={data} active />}
              {view === "Simulate" && <SimulateView data={data} active />}
              {view === "Guardian" && <GuardianView data={data} now={now} active />}
              {view === "Oracles" && <OraclesView data={data} active />}
            </Box>
          </LayoutContext.Provider>
          <Box flexShrink={0}>
            <KeyHints
              hints={[
                ["1-6/tab", "views"],
                ["q", "quit"],
              ]}
            />
          </Box>
        </Box>
      </HeadContext.Provider>
    </TypingContext.Provider>
  );
}
