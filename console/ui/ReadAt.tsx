import React, { useContext } from "react";
import { Text } from "ink";
import { HeadContext, type AsyncState } from "./useAsync.js";
import { glyph, theme } from "./theme.js";

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`;
}

/**
 * When a view's data was read ("read at block #120, 4 s ago"), whether it is being read again, and the error
 * of a failed refresh (the data shown is then the previous reading).
 */
export function ReadAt({ state, now = Date.now() }: { state: AsyncState<unknown>; now?: number }) {
  const head = useContext(HeadContext);
  if (state.status !== "ok") return null;
  const { readAt, refreshing, refreshError } = state;
  const where = readAt.block !== undefined ? `block #${readAt.block}, ` : "";
  const behind = head && readAt.block !== undefined && head.block > readAt.block;
  return (
    <Text color={refreshError ? theme.error : theme.muted} wrap="truncate-end">
      read at {where}
      {ago(now - readAt.at)}
      {refreshing ? " · reading again …" : behind ? ` · head is #${head.block}` : ""}
      {refreshError ? ` ${glyph.error} refresh failed: ${refreshError}` : ""}
    </Text>
  );
}
