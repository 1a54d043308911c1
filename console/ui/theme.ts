/** The console's colours, in one place. Components take colours from here, never literals. */
export const theme = {
  accent: "cyan",
  ok: "green",
  warn: "yellow",
  error: "red",
  muted: "gray",
  heading: "magentaBright",
  value: "white",
  address: "blue",
  selected: "cyanBright",
} as const;

/** Status glyphs used across views. */
export const glyph = { ok: "✓", warn: "⚠", error: "✗", bullet: "•", arrow: "→" } as const;
