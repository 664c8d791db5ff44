import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { applyBaseline } from '../baseline/compare.js';
import { openResults } from '../cache/disk.js';
import { readBaseline } from '../baseline/file.js';
import { ConfigError, UsageError } from '../config/errors.js';
import { loadConfig } from '../config/load.js';
import type { ScanResult } from '../engine/result.js';
import { catalogue, failingFindings, scanDirectory } from '../engine/scan.js';
import { defaultThreads } from '../engine/threads.js';
import { changedSince } from '../git/changed.js';
import { limitToChange, projectRuleIds } from '../git/scope.js';
import { renderMarkdown, renderSarif } from '../report/index.js';
import { plural } from '../report/text.js';
import type { ProjectModel } from '../model/types.js';
import { checklistGate } from './checklist.js';
import { annotations, escapeData, outputLines } from './commands.js';
import { commentBody, upsertComment } from './comment.js';
import { readInputs, type ActionInputs } from './inputs.js';

export interface ActionIO {
  env: Record<string, string | undefined>;
  cwd: string;
  /** The step log: workflow commands (`::error …::`) go here. */
  log(line: string): void;
}

interface EventInfo {
  name: string;
  pullNumber?: number;
  /** The commit new findings are measured from: the pull request's base, or the commit before a push. */
  base?: string;
}

const NO_COMMIT = /^0+$/;
/** GitHub caps a step summary at 1 MiB. */
const MAX_SUMMARY = 1_000_000;

function readEvent(env: ActionIO['env']): EventInfo {
  const name = env.GITHUB_EVENT_NAME ?? '';
  let payload: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
    } catch {
      /* no payload: treated as an event without a base */
    }
  }
  const pr = payload.pull_request as { number?: number; base?: { sha?: string } } | undefined;
  if (pr) return { name, pullNumber: pr.number, base: pr.base?.sha };
  const before = typeof payload.before === 'string' && !NO_COMMIT.test(payload.before) ? payload.before : undefined;
  return { name, base: before };
}

function writeReport(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (err) {
    throw new UsageError(`cannot write "${path}" (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
}

function heading(shown: ScanResult, newOnly: boolean): string {
  const open = shown.findings.filter((f) => !f.suppression).length;
  const failing = failingFindings(shown).length;
  const what = newOnly ? plural(open, 'new finding') : plural(open, 'finding');
  const gate = shown.failOn === 'none' ? '' : failing ? ` · ❌ ${failing} at or above ${shown.failOn}` : ` · ✅ none at or above ${shown.failOn}`;
  return `**vibeaudit**: ${what}${gate}`;
}

/** The GitHub Action: scan, narrow to what is new, report where developers look, and decide the job's fate. */
export async function runAction(io: ActionIO): Promise<number> {
  try {
    return await run(io);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.log(`::error title=vibeaudit::${escapeData(err.describe())}`);
      return 2;
    }
    io.log(`::error title=vibeaudit internal error::${escapeData(err instanceof Error ? (err.stack ?? err.message) : String(err))}`);
    return 3;
  }
}

async function run(io: ActionIO): Promise<number> {
  const inputs: ActionInputs = readInputs(io.env);
  const workspace = io.env.GITHUB_WORKSPACE || io.cwd;
  const root = resolve(workspace, inputs.path);
  const prefix = relative(workspace, root).split(sep).join('/');
  const event = readEvent(io.env);
  const isPullRequest = event.pullNumber !== undefined;
  const newOnly = inputs.newFindingsOnly ?? isPullRequest;

  const known = new Set(catalogue().map((e) => e.meta.id));
  const config = loadConfig(root, inputs.config ? resolve(workspace, inputs.config) : undefined, known);
  if (inputs.failOn) config.failOn = inputs.failOn;
  let model: ProjectModel | undefined;
  const kept = openResults(root, inputs.cache, io.env);
  // Only the checklist reads the whole project model: completing it can cost a rescan more than the rest of it.
  let result = await scanDirectory(root, { config, offline: inputs.offline, target: inputs.path, onModel: inputs.checklist ? (m) => (model = m) : undefined, results: kept.results, threads: defaultThreads() });
  kept.save();
  if (kept.results) io.log(`vibeaudit: ${kept.results.hits} of ${plural(result.stats.files, 'file')} had results kept from an earlier run; the rest were analysed.`);
  const checklist = inputs.checklist && model ? checklistGate(model, result, inputs.checklistFailUnder, inputs.checklistRequire) : undefined;

  if (inputs.baseline) result = applyBaseline(result, readBaseline(resolve(workspace, inputs.baseline), inputs.baseline), inputs.baseline);
  // SARIF keeps every finding (with baselineState when a baseline is used): code scanning compares analyses
  // itself, and a PR analysis that left out old findings would show them as fixed.
  const sarifPath = resolve(workspace, inputs.sarif);
  writeReport(sarifPath, renderSarif(result, { category: prefix ? `vibeaudit/${prefix}/` : undefined }));

  let shown = result;
  if (newOnly) {
    if (event.base) shown = limitToChange(result, await changedSince(root, event.base), projectRuleIds());
    else if (!inputs.baseline) io.log('::notice title=vibeaudit::new-findings-only is on but this event has no base commit to compare with, so every finding is reported.');
  }

  const markdown = renderMarkdown(shown) + (checklist ? `\n${checklist.markdown}` : '');
  const markdownPath = resolve(workspace, inputs.markdown);
  writeReport(markdownPath, markdown);
  const summary = `${heading(shown, newOnly)}\n\n${markdown}`;
  if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY)}\n\n…(cut short)\n` : summary);

  for (const line of annotations(shown.findings, shown.failOn, inputs.maxAnnotations, prefix)) io.log(line);

  const failing = failingFindings(shown);
  const open = shown.findings.filter((f) => !f.suppression);
  const hidden = (shown.scope?.baseline?.unchanged.length ?? 0) + (shown.scope?.changedSince?.outside ?? 0);

  for (const failure of checklist?.failures ?? []) io.log(`::error title=vibeaudit checklist::${escapeData(failure)}`);
  const checklistPassed = !checklist?.failures.length;

  if (inputs.comment) await comment(io, inputs, event, markdown, open.length > 0 || failing.length > 0);

  const passed = failing.length === 0 && checklistPassed;
  if (io.env.GITHUB_OUTPUT) {
    appendFileSync(
      io.env.GITHUB_OUTPUT,
      outputLines({
        'new-findings': open.length,
        'failing-findings': failing.length,
        'hidden-findings': hidden,
        passed,
        'readiness-score': checklist?.result.score ?? '',
        sarif: sarifPath,
        markdown: markdownPath,
      }),
    );
  }
  if (failing.length) {
    io.log(`::error title=vibeaudit::${escapeData(`${plural(failing.length, newOnly ? 'new finding' : 'finding')} at or above ${shown.failOn}. See the job summary for what each means and how to fix it.`)}`);
  }
  return passed ? 0 : 1;
}

async function comment(io: ActionIO, inputs: ActionInputs, event: EventInfo, markdown: string, hasNews: boolean): Promise<void> {
  const repository = io.env.GITHUB_REPOSITORY;
  if (event.pullNumber === undefined || !repository) {
    io.log('::notice title=vibeaudit::comment is on, but this run is not for a pull request; no comment posted.');
    return;
  }
  if (!inputs.token) {
    io.log('::warning title=vibeaudit::comment is on but no github-token was given; no comment posted.');
    return;
  }
  const runUrl = io.env.GITHUB_SERVER_URL && io.env.GITHUB_RUN_ID ? `${io.env.GITHUB_SERVER_URL}/${repository}/actions/runs/${io.env.GITHUB_RUN_ID}` : undefined;
  try {
    const outcome = await upsertComment(
      { apiUrl: io.env.GITHUB_API_URL || 'https://api.github.com', repository, pullNumber: event.pullNumber, token: inputs.token },
      commentBody(markdown, runUrl),
      hasNews,
    );
    if (outcome.action !== 'skipped') io.log(`vibeaudit: ${outcome.action} pull request comment ${outcome.id}`);
  } catch (err) {
    // Pull requests from forks get a read-only token: the report is still in the job summary.
    io.log(`::warning title=vibeaudit::Could not post the pull request comment (does the job have \`pull-requests: write\`?): ${escapeData(err instanceof Error ? err.message : String(err))}`);
  }
}
