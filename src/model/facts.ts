import { hash } from 'node:crypto';
import { serialize } from 'node:v8';
import { currentReadLog, untracked } from '../cache/reads.js';
import type { ProjectModel, SourceFile } from './types.js';

type Compute = (model: ProjectModel, arg: string) => unknown;

/** How a fact is depended on, when not by the sha1 of its serialised value. */
export interface FactOptions<T> {
  /** A digest of the value cheaper than serialising it (a path is its own digest). */
  digest?: (value: T) => string;
  /**
   * Saved with the project facts for the next scan of the same files (the default). False for lookups so cheap
   * to answer again that keeping them would cost more than it saves.
   */
  kept?: boolean;
  /**
   * The answer follows from the paths of the project's files alone (and from the tsconfig/jsconfig files, whose
   * content the paths digest holds): while they are those of the scan that last checked the kept results, it holds
   * as recorded.
   */
  fromPaths?: boolean;
}

const COMPUTE = new Map<string, Compute>();
const OPTIONS = new Map<string, FactOptions<unknown>>();
const memo = new WeakMap<ProjectModel, Map<string, KeptFact>>();

/**
 * A question about the whole project that per-file rules ask (the database models it declares, whether a
 * global pipe whitelists): computed once per scan, and depended on by its value, so editing a file that does
 * not change the answer keeps every other file's cached results. `compute` reads only `model.files` (their
 * paths, texts, languages, roles and packages): digests are kept across scans on that condition.
 */
export function defineProjectFact<T>(name: string, compute: (model: ProjectModel, arg: string) => T, options: FactOptions<T> = {}): (model: ProjectModel, arg?: string) => T {
  if (COMPUTE.has(name)) throw new Error(`project fact ${name} is defined twice`);
  COMPUTE.set(name, compute);
  OPTIONS.set(name, options as FactOptions<unknown>);
  return (model, arg = '') => {
    const key = `${name}\0${arg}`;
    const fact = factOf(model, key, compute, arg);
    currentReadLog()?.facts.set(key, fact.digest);
    return fact.value as T;
  };
}

const fileList = defineProjectFact('file list', (model) => model.files.map((f) => [f.path, f.language, f.role, f.buildOutput]));

/**
 * Every file of the project, for per-file analysis that looks through them all: the list, with each file's
 * language and role, is depended on as a fact, so the asking file's kept results are redone when a file is added,
 * removed or classified differently (what it reads of each file's text is logged as it is read).
 */
export function allFiles(model: ProjectModel): readonly SourceFile[] {
  fileList(model);
  return model.files;
}

/** Parts of file-wise facts known from earlier scans, by file content (src/cache/fact-parts.ts). */
export interface FileFactParts {
  /** The part `key` of this version of the file, if known (`found` false otherwise). */
  get(file: SourceFile, key: string): { found: boolean; part?: unknown };
  set(file: SourceFile, key: string, part: unknown): void;
}

const partsByModel = new WeakMap<ProjectModel, FileFactParts>();

/**
 * A project fact that is what each file says on its own, combined in path order (`part` reads only that file:
 * its path, text, language and role). Parts are kept by file content between scans, so after an edit only the
 * edited file is read again to answer it.
 */
export function defineFileFact<P, T>(name: string, part: (file: SourceFile, arg: string) => P | undefined, combine: (parts: [SourceFile, P][], arg: string) => T): (model: ProjectModel, arg?: string) => T {
  return defineProjectFact(name, (model, arg) => {
    const kept = partsByModel.get(model);
    const key = `${name}\0${arg}`;
    const found: [SourceFile, P][] = [];
    for (const file of model.files) {
      const known = kept?.get(file, key);
      let p: P | undefined;
      if (known?.found) p = known.part as P | undefined;
      else {
        p = part(file, arg);
        kept?.set(file, key, p);
      }
      if (p !== undefined) found.push([file, p]);
    }
    return combine(found, arg);
  });
}

const samePaths = new WeakSet<ProjectModel>();

/** This scan's files have the paths of the scan that last checked the kept results (see `FactOptions.fromPaths`). */
export function pathsAsBefore(model: ProjectModel): void {
  samePaths.add(model);
}

/** A fact a kept result asked has the digest it saw then. */
export function factHolds(model: ProjectModel, key: string, digest: string): boolean {
  if (samePaths.has(model) && OPTIONS.get(key.slice(0, key.indexOf('\0')))?.fromPaths) return true;
  return factDigest(model, key) === digest;
}

/** The digest a fact has now, to compare with the one a cached result saw; undefined for an unknown fact. */
export function factDigest(model: ProjectModel, key: string): string | undefined {
  const at = key.indexOf('\0');
  const compute = COMPUTE.get(key.slice(0, at));
  return compute ? factOf(model, key, compute, key.slice(at + 1)).digest : undefined;
}

/** A fact's value with the digest of its serialised form. */
export interface KeptFact {
  value: unknown;
  digest: string;
}

const kept = new WeakMap<ProjectModel, ReadonlyMap<string, KeptFact>>();

/**
 * Facts that an earlier scan computed from the same files (same paths, texts, languages, roles and packages):
 * a fact is a function of the project's files, so they hold without computing them again, which would read
 * every file's text. `parts`: the parts of file-wise facts known by file content, for facts computed again.
 */
export function keepFacts(model: ProjectModel, facts: ReadonlyMap<string, KeptFact>, parts?: FileFactParts): void {
  kept.set(model, facts);
  if (parts) partsByModel.set(model, parts);
}

/** Every fact this scan computed or was given, by key, but those not kept between scans. */
export function factsOf(model: ProjectModel): Map<string, KeptFact> {
  const all = [...(kept.get(model) ?? []), ...(memo.get(model) ?? [])];
  return new Map(all.filter(([key]) => OPTIONS.get(key.slice(0, key.indexOf('\0')))?.kept !== false));
}

function factOf(model: ProjectModel, key: string, compute: Compute, arg: string): KeptFact {
  let facts = memo.get(model);
  if (!facts) memo.set(model, (facts = new Map()));
  let fact = facts.get(key) ?? kept.get(model)?.get(key);
  if (!fact) {
    const value = untracked(() => compute(model, arg));
    const digest = OPTIONS.get(key.slice(0, key.indexOf('\0')))?.digest;
    fact = { value, digest: digest ? digest(value) : hash('sha1', serialize(value), 'base64') };
  }
  facts.set(key, fact);
  return fact;
}
