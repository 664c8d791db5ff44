import { runAction } from './run.js';

// Entry point run by action.yml: `node dist/action/main.js`.
process.exitCode = await runAction({ env: process.env, cwd: process.cwd(), log: (line) => process.stdout.write(`${line}\n`) });
