import { deserialize } from 'node:v8';
import type { FileFactParts } from '../model/facts.js';
import type { SourceFile } from '../model/types.js';
import type { KeptFileParts, ResultStore } from './results.js';

/**
 * The parts of file-wise facts (src/model/facts.ts) each file gave, kept in the store by path and valid while
 * the file's content, language and role are unchanged. Read from disk only when a fact is computed again.
 */
export class FactParts implements FileFactParts {
  constructor(
    private readonly store: ResultStore,
    private readonly hashes: ReadonlyMap<string, string>,
  ) {}

  private kept(): Map<string, KeptFileParts> {
    if (this.store.factParts instanceof Uint8Array) this.store.factParts = deserialize(this.store.factParts) as Map<string, KeptFileParts>;
    return this.store.factParts;
  }

  private versionOf(file: SourceFile): string {
    return `${this.hashes.get(file.path)}\0${file.language}\0${file.role}`;
  }

  get(file: SourceFile, key: string): { found: boolean; part?: unknown } {
    const entry = this.kept().get(file.path);
    if (!entry || entry.version !== this.versionOf(file) || !entry.parts.has(key)) return { found: false };
    return { found: true, part: entry.parts.get(key) };
  }

  set(file: SourceFile, key: string, part: unknown): void {
    const kept = this.kept();
    const version = this.versionOf(file);
    let entry = kept.get(file.path);
    if (entry?.version !== version) kept.set(file.path, (entry = { version, parts: new Map() }));
    entry.parts.set(key, part);
    this.store.dirty = true;
  }
}
