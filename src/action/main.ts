import { tuneV8ForScans } from '../cli/v8-flags.js';
import { runAction } from './run.js';

tuneV8ForScans();

// Entry point run by action.yml: `node dist/action/main.js`.
process.exitCode = await runAction({ env: process.env, cwd: process.cwd(), log: (line) => process.stdout.write(`${line}\n`) });
