import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, UsageError, describeFsError } from '../config/errors.js';
import { SEVERITIES, type Severity } from '../engine/finding.js';
import { CatalogueError, readRuleDoc } from '../engine/catalogue.js';
import { catalogue, failingFindings, scanDirectory } from '../engine/scan.js';
import { TOOL } from '../engine/version.js';
import { ruleDoc, rulesTable } from '../docs/rules-markdown.js';
import { REPORTERS } from '../report/index.js';
import { runBaseline, type BaselineFlags } from './baseline-command.js';
import { narrowScan } from './narrow.js';
import { runChecklist } from '../checklist/index.js';
import type { ProjectModel } from '../model/types.js';
import { SCRIPT_PARSERS, type ScriptParser } from '../parse/types.js';
import { registerChecklistCommand } from './checklist.js';
import { progressBar } from './progress.js';
import { timingTable } from '../report/timing-table.js';
import { timed, Timings } from '../engine/timing.js';
import { openResults } from '../cache/disk.js';
import { openTarget, threadCount, wantsColor } from './target.js';
import { ROUTES_FORMATS, runRoutes, type RoutesFlags } from './routes.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

const FORMATS = ['terminal', 'sarif', 'markdown', 'json', 'compact'] as const;
type Format = (typeof FORMATS)[number];

interface ScanFlags {
  format: Format;
  sarif?: string;
  markdown?: string;
  json?: string;
  failOn?: Severity | 'none';
  config?: string;
  quiet?: boolean;
  offline?: boolean;
  experimental?: boolean;
  parser?: ScriptParser;
  progress: boolean;
  color?: boolean;
  verbose?: boolean;
  debug?: boolean;
  timing?: boolean;
  baseline?: string;
  changedSince?: string;
  cache: boolean;
  threads?: string;
}

/** Run the CLI; returns the exit code. Only this module (and bin.ts) talks to the outside world. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const debug = argv.includes('--debug');
  const program = new Command()
    .name('vibeaudit')
    .description('Security and production-readiness audit for AI-built backends.')
    .version(TOOL.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(s) })
    .showHelpAfterError('(run vibeaudit --help for usage)');

  program
    .command('scan')
    .description('scan a folder and report findings')
    .argument('[dir]', 'folder to scan', '.')
    .addOption(new Option('-f, --format <format>', 'output on stdout').choices(FORMATS).default('terminal'))
    .option('--sarif <file>', 'also write a SARIF 2.1.0 report to <file>')
    .option('--markdown <file>', 'also write a markdown report to <file>')
    .option('--json <file>', 'also write a JSON report to <file>')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: high)').choices([...SEVERITIES, 'none']))
    .option('-c, --config <file>', 'configuration file (default: .vibeaudit.yml in <dir>)')
    .option('-q, --quiet', 'report only findings at or above --fail-on, without progress')
    .option('--offline', 'skip every check that needs the network')
    .option('--experimental', 'also run experimental rules')
    .addOption(new Option('--parser <parser>', 'what reads JS/TS (default: oxc; typescript-estree is the slower reference)').choices(SCRIPT_PARSERS))
    .option('--no-progress', 'no progress bar')
    .option('--no-cache', "do not reuse or keep per-file results (kept in the user's cache folder, see VIBEAUDIT_CACHE_DIR)")
    .option('--threads <n>', 'threads to analyse files on (default: one per core, at most 4, on 4 cores or more; else 1)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--verbose', 'also list suppressed findings')
    .option('--debug', 'print how each file was classified, and stack traces of internal errors')
    .option('--timing', 'print on stderr where the time went, by part of the scan and by rule (runs on one thread)')
    .option('--baseline <file>', 'report only findings not in this baseline (see `vibeaudit baseline`)')
    .option('--changed-since <git-ref>', 'report only findings in what changed since the merge base with <git-ref>')
    .action(async (dir: string, flags: ScanFlags) => {
      exitCode = await runScan(dir, flags, io);
    });

  program
    .command('baseline')
    .description('record the current findings so that `scan --baseline` reports only new ones')
    .argument('[dir]', 'folder to scan', '.')
    .option('-o, --output <file>', 'where to write the baseline (default: <dir>/.vibeaudit-baseline.json)')
    .option('-c, --config <file>', 'configuration file (default: .vibeaudit.yml in <dir>)')
    .option('--offline', 'skip every check that needs the network')
    .option('--experimental', 'also run experimental rules')
    .action(async (dir: string, flags: BaselineFlags) => {
      exitCode = await runBaseline(dir, flags, io);
    });

  registerChecklistCommand(program, io, (code) => (exitCode = code));

  program
    .command('rules')
    .description('list the rules')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'markdown', 'json']).default('terminal'))
    .action((flags: { format: string }) => {
      const metas = catalogue().map((e) => e.meta);
      if (flags.format === 'json') io.stdout(JSON.stringify(metas, null, 2) + '\n');
      else if (flags.format === 'markdown') io.stdout(rulesTable(metas));
      else {
        const width = Math.max(...metas.map((m) => m.id.length));
        for (const m of metas) io.stdout(`${m.id.padEnd(width)}  ${m.severity.padEnd(8)}  ${m.title}${m.status === 'stable' ? '' : ` (${m.status})`}\n`);
        io.stdout(`\n${metas.length} rules. Run \`vibeaudit explain <rule-id>\` for one rule's documentation.\n`);
      }
    });

  program
    .command('routes')
    .description('list every entry point (route, server action, cloud function) and whether it needs sign-in')
    .argument('[dir]', 'folder to scan', '.')
    .addOption(new Option('-f, --format <format>', 'output on stdout').choices(ROUTES_FORMATS).default('terminal'))
    .option('-c, --config <file>', 'configuration file (default: .vibeaudit.yml in <dir>)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action(async (dir: string, flags: RoutesFlags) => {
      exitCode = await runRoutes(dir, flags, io);
    });

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule-id>', 'the rule to explain')
    .action((id: string) => {
      const entry = catalogue().find((e) => e.meta.id === id);
      if (!entry) {
        const close = catalogue().map((e) => e.meta.id).filter((r) => r.includes(id) || id.includes(r));
        throw new UsageError(`unknown rule "${id}"${close.length ? `; did you mean ${close.join(', ')}?` : ''} (see \`vibeaudit rules\`)`);
      }
      io.stdout(ruleDoc(readRuleDoc(entry.meta), 1));
    });

  program
    .command('lsp')
    .description('run a language server on stdin/stdout (editors: see editors/vscode)')
    .option('--stdio', 'talk over stdin/stdout (the only transport; editors pass it)')
    .option('--clientProcessId <pid>', 'the editor process (passed by language clients)')
    .allowUnknownOption()
    .action(async () => {
      // Loaded only here: `scan` should not pay for the language server's libraries.
      const { runLanguageServer } = await import('./lsp.js');
      await runLanguageServer(process.stdin, process.stdout);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof ConfigError) {
      io.stderr(`vibeaudit: ${err.describe()}\n`);
      return EXIT.usage;
    }
    if (err instanceof CatalogueError) {
      io.stderr(`vibeaudit: internal error: ${err.message}\n`);
      return EXIT.internal;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`vibeaudit: internal error: ${message}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    else io.stderr('Run again with --debug for details, and please report it.\n');
    return EXIT.internal;
  }
}

async function runScan(dir: string, flags: ScanFlags, io: CliIO): Promise<number> {
  const { root, config } = openTarget(dir, flags, io.cwd);
  if (flags.failOn) config.failOn = flags.failOn;

  const color = wantsColor(flags.color, io);
  // Only for people watching a terminal: not in CI, not with --quiet, not when the output is for a machine.
  const showProgress = flags.progress && !flags.quiet && io.stderrIsTTY && !io.env.CI && (flags.format === 'terminal' || flags.format === 'markdown');
  const bar = progressBar(io.stderr, showProgress);
  let model: ProjectModel | undefined;
  let threads = 1;
  // The markdown report ends with the checklist's summary, which reads the whole project model (linked routes,
  // data flows): the model is asked for only then, as completing it can cost a rescan more than all the rest.
  const checklist = flags.format === 'markdown' || !!flags.markdown;
  const timings = flags.timing ? new Timings() : undefined;
  const kept = timed(timings, 'kept results (load)', openResults)(root, flags.cache, io.env);
  const scanned = await scanDirectory(root, {
    config,
    offline: flags.offline ?? false,
    target: dir,
    onProgress: (done, total) => bar.update(done, total),
    onModel: checklist ? (m) => (model = m) : undefined,
    results: kept.results,
    threads: threadCount(flags.threads),
    onThreads: (n) => (threads = n),
    timings,
  });
  bar.clear();
  timed(timings, 'kept results (save)', () => kept.save())();
  const result = await narrowScan(scanned, root, flags, io.cwd);
  // The pre-deploy document in one place.
  if (model && checklist) result.checklist = runChecklist({ model, findings: scanned.findings, rules: scanned.rules });

  if (flags.debug) {
    io.stderr(`config: ${config.source ?? '(defaults)'}\n`);
    io.stderr(`analysed on ${threads} thread${threads === 1 ? '' : 's'}\n`);
    for (const f of result.files) io.stderr(`${f.path}: ${f.language}, ${f.role} (${f.roleReason})\n`);
  }

  const outputs: [string | undefined, Format][] = [
    [flags.sarif, 'sarif'],
    [flags.markdown, 'markdown'],
    [flags.json, 'json'],
  ];
  for (const [file, format] of outputs) {
    if (!file) continue;
    const path = resolve(io.cwd, file);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, REPORTERS[format](result, { color: false }));
    } catch (err) {
      throw new UsageError(`cannot write the ${format} report to "${file}" (${describeFsError(err)})`);
    }
  }

  const failing = failingFindings(result);
  const shown = flags.quiet ? { ...result, findings: failing } : result;
  io.stdout(timed(timings, 'report', REPORTERS[flags.format])(shown, { color, verbose: flags.verbose }));
  if (timings) io.stderr(timingTable(timings.rows(), performance.now()));
  return failing.length > 0 ? EXIT.findings : EXIT.ok;
}
