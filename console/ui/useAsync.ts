import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";

/**
 * The newest data the App knows of: the chain's head and, with --api, the indexer's last committed block. The
 * App polls it; views that read with `live` read again whenever it moves (a new block, or an indexer commit).
 */
export interface Head {
  block: number;
  /** With --api: the last block the indexer committed (it pushes new data when this moves). */
  indexedBlock?: number;
}
export const HeadContext = createContext<Head | undefined>(undefined);

/** When data was read: the head block known when the read started, and the machine time (ms). */
export interface ReadMark {
  block?: number;
  at: number;
}

export type AsyncState<T> =
  | { status: "loading" }
  | { status: "ok"; data: T; readAt: ReadMark; refreshing: boolean; refreshError?: string }
  | { status: "error"; error: string };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Run `load` on mount and when `deps` change (showing loading, then data or a one-line error). `reload()` and,
 * with `live`, every move of the head read again while the previous data stays on screen, marked with when it
 * was read. Reads never overlap: a request that arrives during one runs once it ends (a slow node is not
 * flooded by a fast chain).
 */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: unknown[] = [],
  options: { live?: boolean } = {},
): [AsyncState<T>, () => void] {
  const head = useContext(HeadContext);
  const headRef = useRef(head);
  headRef.current = head;
  const loadRef = useRef(load);
  loadRef.current = load;
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const run = useRef({ token: 0, busy: false, again: false, mounted: true });

  const start = useCallback((fresh: boolean) => {
    const r = run.current;
    if (fresh) {
      r.token++;
      r.again = false;
      setState({ status: "loading" });
    } else if (r.busy) {
      r.again = true;
      return;
    } else {
      setState((s) => (s.status === "ok" ? { ...s, refreshing: true } : s));
    }
    const token = r.token;
    r.busy = true;
    const readAt: ReadMark = { block: headRef.current?.block, at: Date.now() };
    loadRef
      .current()
      .then(
        (data) => {
          if (r.mounted && token === r.token) setState({ status: "ok", data, readAt, refreshing: false });
        },
        (err: unknown) => {
          if (!r.mounted || token !== r.token) return;
          // A failed refresh keeps what was read before, with the error beside it.
          setState((s) =>
            s.status === "ok"
              ? { ...s, refreshing: false, refreshError: message(err) }
              : { status: "error", error: message(err) },
          );
        },
      )
      .finally(() => {
        if (token !== r.token) return;
        r.busy = false;
        if (r.again && r.mounted) {
          r.again = false;
          start(false);
        }
      });
  }, []);

  useEffect(() => {
    run.current.mounted = true;
    return () => {
      run.current.mounted = false;
    };
  }, []);
  useEffect(() => start(true), deps);
  const headKey = options.live && head ? `${head.block}:${head.indexedBlock ?? ""}` : undefined;
  const seen = useRef(headKey);
  useEffect(() => {
    if (headKey === seen.current) return;
    seen.current = headKey;
    if (headKey !== undefined) start(false);
  }, [headKey]);
  const reload = useCallback(() => start(false), []);
  return [state, reload];
}
