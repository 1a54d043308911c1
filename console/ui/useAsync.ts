import { useCallback, useEffect, useState } from "react";

export type AsyncState<T> = { status: "loading" } | { status: "ok"; data: T } | { status: "error"; error: string };

/** Run `load` on mount and on `reload()`; the component renders loading, data or a one-line error. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[] = []): [AsyncState<T>, () => void] {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    load().then(
      (data) => live && setState({ status: "ok", data }),
      (err: unknown) => live && setState({ status: "error", error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [generation, ...deps]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload];
}
