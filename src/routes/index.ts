import type { Notification } from '../engine/finding.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import { startFileRoutes, type StartedRoutes } from './collect.js';
import { RouteLinker } from './link.js';
import { ReparsedFunctions } from './unread-functions.js';
import type { FileRouteFacts, RouteEntry } from './types.js';

export type { AuthState, RouteEntry, Touch } from './types.js';

/**
 * The route inventory, built in two steps: per-file facts while the scan has each file's AST in memory, then
 * one linking step over the project (mounts across files, middleware definitions in other files).
 */
export class RouteCollector {
  private readonly facts = new Map<string, FileRouteFacts>();
  /** Facts kept from an earlier scan, read when the routes are linked (a rescan that links nothing reads none). */
  private readonly kept = new Map<string, () => FileRouteFacts | undefined>();

  /** `parse`: how the scan parses a file, to read a function linking asks for (src/routes/unread-functions.ts). */
  constructor(private readonly parse: (file: SourceFile) => void) {}

  /**
   * Starts a file's facts while its AST exists; the listeners returned (if any) complete them during the
   * shared traversal, which must run before the facts are read.
   */
  begin(file: SourceFile, model: ProjectModel): StartedRoutes['listeners'] {
    const started = startFileRoutes(file, model);
    if (!started) return undefined;
    this.facts.set(file.path, started.facts);
    return started.listeners;
  }

  /** A file whose facts could not be completed keeps none. */
  drop(path: string): void {
    this.facts.delete(path);
  }

  /** Facts of a file kept from an earlier scan, if it had any. */
  restore(path: string, kept: () => FileRouteFacts | undefined): void {
    this.kept.set(path, kept);
  }

  /** A file's facts as made in this scan; `contentHash` is the file's, recorded with facts that have unread functions. */
  factsOf(path: string, contentHash?: string): FileRouteFacts | undefined {
    const facts = this.facts.get(path);
    if (facts?.unread?.size && contentHash) facts.unreadIn = contentHash;
    return facts;
  }

  /** Link every file's facts into the app's entry points; `notify` hears what was left unread. */
  link(model: ProjectModel, notify?: (notification: Notification) => void): RouteEntry[] {
    for (const [path, kept] of this.kept) {
      const facts = kept();
      if (facts) this.facts.set(path, facts);
    }
    this.kept.clear();
    // By path, not by the order files were reached (which depends on imports and on what an earlier scan kept).
    return new RouteLinker(model, new Map([...this.facts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), notify, new ReparsedFunctions(model, this.parse)).link();
  }
}
