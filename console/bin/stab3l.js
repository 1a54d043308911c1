#!/usr/bin/env node
// Launcher for the `stab3l` command. The console runs as JavaScript compiled into dist/ (no TypeScript loader
// at run time); prepare.js compiles the contracts and builds dist/ first when they are missing or stale.
import { prepareConsole } from "./prepare.js";

await prepareConsole();
const { main } = await import("../../dist/stab3l.js");
await main();
