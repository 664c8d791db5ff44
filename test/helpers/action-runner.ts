import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO } from './run-cli.js';

/** Runs action.yml the way the GitHub runner runs a composite action: each `run` step as a bash script. */

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; name?: string; if?: string; uses?: string; with?: Record<string, string>; shell: string; run: string; env?: Record<string, string>; 'working-directory'?: string }[] };
}

export interface ActionRun {
  code: number;
  /** Everything the steps printed: the job log, with workflow commands. */
  log: string;
  /** The job summary (every step's GITHUB_STEP_SUMMARY, in order). */
  summary: string;
  /** The action's outputs, as `outputs:` maps them from the steps. */
  outputs: Record<string, string>;
  steps: number;
}

export interface ActionRunOptions {
  workspace: string;
  inputs?: Record<string, string>;
  eventName: string;
  payload: unknown;
  apiUrl?: string;
  token?: string;
  /** The runner's temporary folder (`runner.temp`); the same one for several runs stands in for actions/cache. */
  runnerTemp?: string;
}

/** Actions the composite steps use; this runner cannot run them and checks only that they are these ones. */
const USED_ACTIONS = new Set(['actions/cache@0400d5f644dc74513175e3cd8d07132dd4860809']);

export function actionYml(): ActionYml {
  return parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as ActionYml;
}

/** `${{ … }}` with only the contexts this action may use; anything else fails the test, as it would need a real runner. */
function evaluate(text: string, ctx: { inputs: Record<string, string>; github: Record<string, string>; runner?: Record<string, string>; steps: Record<string, Record<string, string>> }): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_m, expr: string) => {
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(expr))) return ctx.inputs[m[1]] ?? '';
    if ((m = /^github\.(\w+)$/.exec(expr)) && m[1] in ctx.github) return ctx.github[m[1]];
    if ((m = /^runner\.(\w+)$/.exec(expr)) && ctx.runner && m[1] in ctx.runner) return ctx.runner[m[1]];
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return ctx.steps[m[1]]?.[m[2]] ?? '';
    throw new Error(`action.yml uses an expression the test runner does not know: ${expr}`);
  });
}

function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return out;
}

function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 120000 }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

export async function runActionLikeARunner(options: ActionRunOptions): Promise<ActionRun> {
  const yml = actionYml();
  if (yml.runs.using !== 'composite') throw new Error('expected a composite action');
  const temp = mkdtempSync(join(tmpdir(), 'vibeaudit-runner-'));
  const eventPath = join(temp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  const token = options.token ?? 'ghs_testtoken';
  const github: Record<string, string> = { action_path: REPO, token, workspace: options.workspace, event_name: options.eventName, sha: 'f'.repeat(40) };
  const runner: Record<string, string> = { temp: options.runnerTemp ?? join(temp, 'runner-temp'), os: 'Linux' };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(yml.inputs)) inputs[name] = evaluate(String(spec.default ?? ''), { inputs: {}, github, steps: {} });
  Object.assign(inputs, options.inputs);

  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: REPO,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    // Registry checks go to a closed local port: the suite never touches the network.
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_userconfig: '/dev/null',
  };
  const steps: Record<string, Record<string, string>> = {};
  let log = '';
  let summary = '';
  let code = 0;
  let ran = 0;
  for (const [i, step] of yml.runs.steps.entries()) {
    const ctx = { inputs, github, runner, steps };
    if (step.uses) {
      if (!USED_ACTIONS.has(step.uses)) throw new Error(`step ${i} uses ${step.uses}, which the test runner does not know`);
      for (const value of Object.values(step.with ?? {})) evaluate(String(value), ctx);
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`step ${i} must use bash`);
    const outputFile = join(temp, `output-${i}`);
    const summaryFile = join(temp, `summary-${i}`);
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const script = join(temp, `step-${i}.sh`);
    writeFileSync(script, evaluate(step.run, ctx));
    const env = { ...base, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k as keyof typeof env] = evaluate(String(v), ctx);
    const cwd = step['working-directory'] ? evaluate(step['working-directory'], ctx) : options.workspace;
    const r = await bash(script, cwd, env);
    ran++;
    log += r.output;
    summary += readFileSync(summaryFile, 'utf8');
    if (step.id) steps[step.id] = parseOutputFile(readFileSync(outputFile, 'utf8'));
    if (r.code !== 0) {
      code = r.code;
      break;
    }
  }
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(yml.outputs)) outputs[name] = evaluate(spec.value, { inputs, github, steps });
  return { code, log, summary, outputs, steps: ran };
}
