import React from "react";
import { Text } from "ink";
import { theme } from "./theme.js";

/** The footer line of keys that work here. */
export function KeyHints({ hints }: { hints: [string, string][] }) {
  return (
    <Text color={theme.muted}>
      {hints.map(([key, what], i) => (
        <Text key={key}>
          {i > 0 ? "  " : ""}
          <Text color={theme.accent}>{key}</Text> {what}
        </Text>
      ))}
    </Text>
  );
}
