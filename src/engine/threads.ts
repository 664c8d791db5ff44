import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedSql } from '../cache/results.js';
import { contentHashes } from '../cache/reuse.js';
import type { ResolvedConfig } from '../config/types.js';
import type { SourceFile } from '../model/types.js';
import type { MadeRecord, ProjectAnalysis } from './analyse.js';

/** What a worker thread needs to analyse its share: the files as the main thread read them, and its share. */
export interface WorkerInput {
  root: string;
  files: { path: string; absPath: string; buildOutput: boolean; text: string }[];
  hashes: [string, string][];
  /** Migrations the main thread already parsed (the Postgres parser is the slowest to start). */
  sql: [string, ParsedSql][];
  config: ResolvedConfig;
  routes: boolean;
  share: string[];
}

export type WorkerMessage = { kind: 'progress'; done: number } | { kind: 'done'; made: [string, MadeRecord][] };

export interface ThreadSettings {
  /** Threads to analyse files on, the main one included; 1 analyses everything on the main thread. */
  threads?: number;
  /** Less work than this (bytes of text) per thread is not worth starting a worker for. */
  minBytesPerThread?: number;
}

/**
 * Threads when none are asked for: one per core from 4 cores up, at most 4; one on smaller machines, where one
 * thread plus the garbage collector's helpers already fill two cores (bench/README.md).
 */
export function defaultThreads(): number {
  const cores = availableParallelism();
  return cores >= 4 ? Math.min(4, cores) : 1;
}

/** About what the main thread analyses while a worker starts (loading vibeaudit, reading the project model). */
const WORKER_START_BYTES = 400_000;
export const DEFAULT_MIN_BYTES_PER_THREAD = 600_000;
const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

/**
 * Analyse every file: kept results are adopted; the rest is split by size between the main thread and worker
 * threads. The split depends only on the files, never on timing, and every result is merged in path order
 * later, so the report is the same bytes however the threads run.
 */
export async function analyseFiles(
  root: string,
  files: readonly SourceFile[],
  analysis: ProjectAnalysis,
  options: ThreadSettings & { config: ResolvedConfig; routes?: boolean; onProgress?: (done: number, total: number) => void; onThreads?: (threads: number) => void },
  hashes: ReadonlyMap<string, string> | undefined,
): Promise<void> {
  const todo = files.filter((f) => !analysis.reuse?.valid(f));
  // Workers run the built JavaScript; running from TypeScript sources (tests) stays on one thread.
  const shares = existsSync(fileURLToPath(WORKER_SCRIPT)) ? splitWork(todo, options.threads ?? 1, options.minBytesPerThread ?? DEFAULT_MIN_BYTES_PER_THREAD) : [];
  const progress = () => options.onProgress?.(analysis.processed + inWorkers.reduce((a, b) => a + b, 0), files.length);
  const inWorkers = shares.slice(1).map(() => 0);
  if (shares.length < 2) {
    for (const file of files) {
      analysis.process(file);
      progress();
    }
    options.onThreads?.(1);
    return;
  }
  const others = shares.slice(1);
  for (const share of others) for (const f of share) analysis.foreign.add(f.path);
  const base = { root, files: files.map((f) => ({ path: f.path, absPath: f.absPath, buildOutput: f.buildOutput, text: f.text })), hashes: [...(hashes ?? contentHashes(files))], sql: sqlOf(files), config: options.config, routes: !!options.routes };
  const running = others.map((share, i) => runWorker({ ...base, share: share.map((f) => f.path) }, (done) => ((inWorkers[i] = done), progress())));
  let n = 0;
  for (const file of files) {
    if (analysis.foreign.has(file.path)) continue;
    analysis.process(file);
    progress();
    // Let worker messages (progress) in now and then.
    if (++n % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const settled = await Promise.allSettled(running);
  options.onThreads?.(1 + settled.filter((outcome) => outcome.status === 'fulfilled').length);
  settled.forEach((outcome, i) => {
    const made = outcome.status === 'fulfilled' ? outcome.value : new Map<string, MadeRecord>();
    for (const file of others[i]) {
      const record = made.get(file.path);
      if (record) analysis.adopt(file, record);
      else {
        // The worker failed: analyse its files here.
        analysis.foreign.delete(file.path);
        analysis.process(file);
      }
    }
  });
}

/**
 * Shares of the work by text size, each a run of files in path order: files of one folder mostly import each
 * other, and a module imported from another thread's share is parsed and summarised on both (measured on a
 * 4,000-file app: shares dealt out largest-first cost 50% more CPU than one thread, runs of paths much less).
 * The main thread gets a head start, as workers take a while to start; fewer threads when there is too little
 * work for them.
 */
export function splitWork(todo: readonly SourceFile[], threads: number, minBytesPerThread: number): SourceFile[][] {
  const total = todo.reduce((sum, f) => sum + f.text.length, 0);
  const count = Math.min(threads, Math.floor(total / Math.max(1, minBytesPerThread)));
  if (count < 2) return [];
  const headStart = Math.min(WORKER_START_BYTES, total / (2 * count));
  // The main thread's share is headStart larger than each worker's.
  const workerBytes = (total - headStart) / count;
  const targets = Array.from({ length: count }, (_, i) => (i === 0 ? workerBytes + headStart : workerBytes));
  const shares: SourceFile[][] = Array.from({ length: count }, () => []);
  const byPath = [...todo].sort((a, b) => (a.path < b.path ? -1 : 1));
  let share = 0;
  let load = 0;
  for (const file of byPath) {
    // Move on once this share is full, or would be further from its target with the file than without it.
    if (share < count - 1 && load > 0 && load + file.text.length / 2 > targets[share]) {
      share++;
      load = 0;
    }
    shares[share].push(file);
    load += file.text.length;
  }
  return shares.filter((s) => s.length > 0);
}

function runWorker(input: WorkerInput, onProgress: (done: number) => void): Promise<Map<string, MadeRecord>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: input });
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.done);
      else {
        resolve(new Map(message.made));
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`worker exited with code ${code}`)));
  });
}

function sqlOf(files: readonly SourceFile[]): [string, ParsedSql][] {
  return files.filter((f) => f.language === 'sql' && (f.sql || f.parseError)).map((f) => [f.path, { sql: f.sql, parseError: f.parseError }]);
}
