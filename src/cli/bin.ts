#!/usr/bin/env node
import { main } from './main.js';
import { tuneV8ForScans } from './v8-flags.js';

tuneV8ForScans();

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
