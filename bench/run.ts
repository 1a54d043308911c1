/**
 * `npm run bench`: runs every suite, prints one table, writes bench/results.json as a list of rows
 * { name, unit, value, baseline? }. Machines are noisy: timing suites compare against a baseline measured
 * in the same run rather than a fixed number.
 */
import { writeFileSync } from "node:fs";
import { verdict, type BenchRow } from "./lib.js";
import { SUITES } from "./suites/index.js";

function format(n: number | undefined): string {
  if (n === undefined) return "";
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toFixed(2);
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const rows: BenchRow[] = [];
  for (const suite of SUITES) {
    if (only && !suite.name.includes(only)) continue;
    process.stderr.write(`bench: ${suite.name} ...\n`);
    const started = Date.now();
    rows.push(...(await suite.run()));
    process.stderr.write(`bench: ${suite.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const header = ["name", "unit", "value", "baseline", "vs baseline", "target", "met?"];
  const lines = rows.map((r) => [
    r.name,
    r.unit,
    format(r.value),
    format(r.baseline),
    r.baseline ? `${(((r.value - r.baseline) / r.baseline) * 100).toFixed(1)}%` : "",
    r.target ?? "",
    verdict(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  console.log(fmt(header));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const l of lines) console.log(fmt(l));
  const out = rows.map(({ name, unit, value, baseline }) =>
    baseline === undefined ? { name, unit, value } : { name, unit, value, baseline },
  );
  writeFileSync("bench/results.json", JSON.stringify(out, null, 2) + "\n");
  const missed = rows.filter((r) => verdict(r) === "MISSED").map((r) => r.name);
  console.log(`\n${rows.length} rows written to bench/results.json`);
  if (missed.length) console.log(`${missed.length} over target: ${missed.join("; ")}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
