/**
 * Ink draws only the last frame, on exit, when it believes it runs under CI (`CI` or `CONTINUOUS_INTEGRATION`
 * set, read once when Ink loads). Someone who opens the interactive console on a terminal wants it live, even
 * in a shell where CI happens to be set, so on a terminal we clear those flags before Ink is first imported.
 */
export function preferLiveRendering(): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return; // tui.tsx refuses without a terminal anyway
  for (const flag of ["CI", "CONTINUOUS_INTEGRATION"]) if (flag in process.env) process.env[flag] = "false";
}
