#!/usr/bin/env node
// Launcher for the `stab3l` command: registers tsx so the TypeScript console runs without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../main.tsx");
await main();
