import { lineStartsOf } from '../discover/read.js';
import type { SuppressionDirective } from '../engine/suppress.js';
import type { SourceFile } from '../model/types.js';

/**
 * What one file's analysis read besides its own text: other files' text, project facts, data-flow summaries of
 * the modules it imports. A cached result of that file stays valid only while all of these are unchanged.
 */
export interface ReadLog {
  /** Paths of other files whose text was read. */
  texts: Set<string>;
  /** Project facts used (`name\0arg` → digest of the value). */
  facts: Map<string, string>;
  /** Imported modules whose data-flow summary was applied (path → digest of the summary). */
  summaries: Map<string, string>;
  /** The result depends on the order files were reached in (an import cycle): never reuse it. */
  volatile: boolean;
  /** Parts of what the analysis of every script gave the project that were read. */
  analysis: Set<AnalysisPart>;
}

/** What the analysis of the scripts gives the project: linked routes; data flows and the import graph. */
export type AnalysisPart = 'routes' | 'dataflow';

export function newReadLog(): ReadLog {
  return { texts: new Set(), facts: new Map(), summaries: new Map(), volatile: false, analysis: new Set() };
}

let current: { path: string; log: ReadLog; outer?: typeof current } | undefined;

/** Run `fn` as the analysis of `path`, logging into `log` what it reads of the rest of the project. */
export function withReadLog<T>(path: string, log: ReadLog, fn: () => T): T {
  const outer = current;
  current = { path, log, outer };
  try {
    return fn();
  } finally {
    current = outer;
  }
}

/** Run `fn` without logging: a project fact computed from every file is depended on by its value, not its reads. */
export function untracked<T>(fn: () => T): T {
  const outer = current;
  current = undefined;
  try {
    return fn();
  } finally {
    current = outer;
  }
}

/** The log of the file being analysed, if any. */
export function currentReadLog(): ReadLog | undefined {
  return current?.log;
}

/**
 * Make reads of what a file's content decides (`text`, `lineStarts`, `suppressions`) from another file's analysis,
 * or from the project rules, show up in that reader's log. With `load`, the text is read from disk the first time
 * anything asks for it (a file whose kept results make reading it unnecessary), and its line starts worked out
 * from it when first asked.
 */
export function trackTextReads(file: SourceFile, load?: () => string): void {
  let text: string | undefined = load ? undefined : file.text;
  let lineStarts: number[] | undefined = load ? undefined : file.lineStarts;
  let suppressions = file.suppressions;
  const logRead = () => logContentRead(file);
  Object.defineProperties(file, {
    text: {
      enumerable: true,
      configurable: true,
      get() {
        logRead();
        return (text ??= load!());
      },
      set(value: string) {
        text = value;
      },
    },
    lineStarts: {
      enumerable: true,
      configurable: true,
      get() {
        logRead();
        return (lineStarts ??= lineStartsOf(file.text));
      },
      set(value: number[]) {
        lineStarts = value;
      },
    },
    suppressions: {
      enumerable: true,
      configurable: true,
      get() {
        logRead();
        return suppressions;
      },
      set(value: SuppressionDirective[]) {
        suppressions = value;
      },
    },
  });
}

/** What the analysis under way read depends on the content of `file` (unless it is that file's own analysis). */
export function logContentRead(file: SourceFile): void {
  if (current && current.path !== file.path) current.log.texts.add(file.path);
}

/** What the analysis under way read depends on a part of what the analysis of every script gave the project. */
export function logAnalysisRead(part: AnalysisPart): void {
  current?.log.analysis.add(part);
}

/** The analysis under way of `path` (it may be an outer one) depends on visiting order: do not keep it. */
export function markVolatile(path: string): void {
  for (let at = current; at; at = at.outer) {
    if (at.path === path) {
      at.log.volatile = true;
      return;
    }
  }
}
