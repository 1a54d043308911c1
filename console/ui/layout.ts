import { createContext, useContext, useEffect, useState } from "react";
import { useStdout } from "ink";

/**
 * The room a view has: `width` in columns (undefined = no limit: output without a terminal is never wrapped)
 * and `height` in rows (undefined = as many as it needs: one-shot output scrolls in the terminal itself).
 * The App sets both from the terminal's size; `emit` sets only the width.
 */
export interface Layout {
  width?: number;
  height?: number;
}

export const LayoutContext = createContext<Layout>({});

export function useLayout(): Layout {
  return useContext(LayoutContext);
}

/** The smallest terminal the console lays itself out for; below it, it still runs and clips. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

/** The terminal's size now, updated when it is resized (80x24 when the stream does not know it). */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({
    columns: Math.max(MIN_COLUMNS, stdout.columns || 80),
    rows: Math.max(MIN_ROWS, stdout.rows || 24),
  });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const resized = () => setSize(read());
    stdout.on("resize", resized);
    return () => {
      stdout.off("resize", resized);
    };
  }, [stdout]);
  return size;
}

/**
 * The first row of a window of `visible` rows over `total` that keeps `selected` in view, moving as little as
 * possible from the previous window (`previous`), as pagers and editors scroll.
 */
export function scrollWindow(previous: number, selected: number, visible: number, total: number): number {
  const room = Math.max(1, visible);
  let first = previous;
  if (selected < first) first = selected;
  if (selected >= first + room) first = selected - room + 1;
  return Math.max(0, Math.min(first, Math.max(0, total - room)));
}
