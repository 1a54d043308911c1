import React from "react";
import { Text } from "ink";
import { theme } from "./theme.js";

/** A progress bar: `value` of `total`, `width` cells wide, with an optional label. */
export function ProgressBar({
  value,
  total,
  width = 30,
  label,
  color = theme.accent,
}: {
  value: number;
  total: number;
  width?: number;
  label?: string;
  color?: string;
}) {
  const ratio = total > 0 ? Math.min(1, Math.max(0, value / total)) : 0;
  const filled = Math.round(ratio * width);
  return (
    <Text>
      <Text color={color}>{"█".repeat(filled)}</Text>
      <Text color={theme.muted}>{"░".repeat(width - filled)}</Text> {(ratio * 100).toFixed(0).padStart(3)}%
      {label ? ` ${label}` : ""}
    </Text>
  );
}
