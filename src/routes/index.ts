import type { ProjectModel, SourceFile } from '../model/types.js';
import { collectFileRoutes } from './collect.js';
import { RouteLinker } from './link.js';
import type { FileRouteFacts, RouteEntry } from './types.js';

export type { AuthState, RouteEntry, Touch } from './types.js';

/**
 * The route inventory, built in two steps: per-file facts while the scan has each file's AST in memory, then
 * one linking step over the project (mounts across files, middleware definitions in other files).
 */
export class RouteCollector {
  private readonly facts = new Map<string, FileRouteFacts>();

  collect(file: SourceFile): void {
    const facts = collectFileRoutes(file);
    if (facts) this.facts.set(file.path, facts);
  }

  link(model: ProjectModel): RouteEntry[] {
    return new RouteLinker(model, this.facts).link();
  }
}
