import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { CHECK_ITEMS, runChecklist } from '../checklist/index.js';
import type { ChecklistResult } from '../checklist/types.js';
import { UsageError, describeFsError } from '../config/errors.js';
import { scanDirectory } from '../engine/scan.js';
import type { ProjectModel } from '../model/types.js';
import { renderChecklistMarkdown } from '../report/checklist-markdown.js';
import { renderChecklistSarif } from '../report/checklist-sarif.js';
import { renderChecklistTerminal } from '../report/checklist-terminal.js';
import type { CliIO } from './main.js';
import { progressBar } from './progress.js';
import { openResults } from '../cache/disk.js';
import { openTarget, threadCount, wantsColor } from './target.js';

const FORMATS = ['terminal', 'markdown', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface ChecklistFlags {
  format: Format;
  markdown?: string;
  json?: string;
  sarif?: string;
  failUnder?: string;
  require?: string;
  config?: string;
  offline?: boolean;
  experimental?: boolean;
  progress: boolean;
  cache: boolean;
  threads?: string;
  color?: boolean;
  verbose?: boolean;
}

/** `vibeaudit checklist [dir]`: reports and exits 0, unless `--fail-under` or `--require` make it a gate. */
export function registerChecklistCommand(program: Command, io: CliIO, setExitCode: (code: number) => void): void {
  program
    .command('checklist')
    .description('pre-deploy readiness checklist: what is missing before real users arrive')
    .argument('[dir]', 'folder to check', '.')
    .addOption(new Option('-f, --format <format>', 'output on stdout').choices(FORMATS).default('terminal'))
    .option('--markdown <file>', 'also write the checklist as a markdown task list to <file>')
    .option('--json <file>', 'also write a JSON report to <file>')
    .option('--sarif <file>', 'also write the gaps as SARIF results (category readiness) to <file>')
    .option('--fail-under <score>', 'exit 1 when the readiness score (0-100) is below <score>')
    .option('--require <items>', 'exit 1 unless these items (comma-separated ids) pass')
    .option('-c, --config <file>', 'configuration file (default: .vibeaudit.yml in <dir>)')
    .option('--offline', 'skip every check that needs the network')
    .option('--experimental', 'also run experimental rules')
    .option('--no-progress', 'no progress bar')
    .option('--no-cache', "do not reuse or keep per-file results (kept in the user's cache folder, see VIBEAUDIT_CACHE_DIR)")
    .option('--threads <n>', 'threads to analyse files on (default: one per core, at most 4, on 4 cores or more; else 1)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--verbose', 'also show not-applicable items and the evidence of passing ones')
    .action(async (dir: string, flags: ChecklistFlags) => {
      setExitCode(await runChecklistCommand(dir, flags, io));
    });
}

async function runChecklistCommand(dir: string, flags: ChecklistFlags, io: CliIO): Promise<number> {
  const failUnder = parseScore(flags.failUnder);
  const required = parseRequired(flags.require);
  const { root, config } = openTarget(dir, flags, io.cwd);

  const bar = progressBar(io.stderr, flags.progress && io.stderrIsTTY && !io.env.CI && (flags.format === 'terminal' || flags.format === 'markdown'));
  let model: ProjectModel | undefined;
  const kept = openResults(root, flags.cache, io.env);
  const scan = await scanDirectory(root, { config, offline: flags.offline ?? false, target: dir, onProgress: (d, t) => bar.update(d, t), onModel: (m) => (model = m), results: kept.results, threads: threadCount(flags.threads) });
  kept.save();
  bar.clear();
  const result = runChecklist({ model: model!, findings: scan.findings, rules: scan.rules });

  const render: Record<Format, () => string> = {
    terminal: () => renderChecklistTerminal(result, { color: wantsColor(flags.color, io), verbose: flags.verbose }),
    markdown: () => renderChecklistMarkdown(result, dir),
    json: () => `${JSON.stringify({ tool: scan.tool, target: dir, ...result }, null, 2)}\n`,
    sarif: () => renderChecklistSarif(result, scan.tool),
  };
  for (const [file, format] of [[flags.markdown, 'markdown'], [flags.json, 'json'], [flags.sarif, 'sarif']] as const) {
    if (!file) continue;
    const path = resolve(io.cwd, file);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, format === 'markdown' ? renderChecklistMarkdown(result, dir) : render[format]());
    } catch (err) {
      throw new UsageError(`cannot write the ${format} checklist to "${file}" (${describeFsError(err)})`);
    }
  }
  io.stdout(render[flags.format]());

  const failures = gateFailures(result, failUnder, required);
  for (const line of failures) io.stderr(`vibeaudit: ${line}\n`);
  return failures.length ? 1 : 0;
}

function parseScore(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(?:\.\d+)?$/.test(text.trim()) || n < 0 || n > 100) throw new UsageError(`--fail-under takes a score from 0 to 100, not "${text}"`);
  return n;
}

function parseRequired(text: string | undefined): string[] {
  if (!text) return [];
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  const known = new Set(CHECK_ITEMS.map((i) => i.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new UsageError(`unknown checklist item${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in --require (items: ${[...known].join(', ')})`);
  return ids;
}

/** Why the gate fails, one line each; empty when it passes. A warning is not a pass; not applicable is. */
export function gateFailures(result: ChecklistResult, failUnder: number | undefined, required: readonly string[]): string[] {
  const out: string[] = [];
  if (failUnder !== undefined && result.score < failUnder) out.push(`readiness score ${result.score} is below ${failUnder}`);
  for (const id of required) {
    const item = result.items.find((i) => i.id === id);
    if (item && (item.status === 'fail' || item.status === 'warn')) out.push(`required item ${id} is ${item.status === 'fail' ? 'missing' : 'not confirmed (warning)'}: ${item.summary}`);
  }
  return out;
}
