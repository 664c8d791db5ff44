import { describe, expect, it } from 'vitest';
import { KnownTexts, type FileStamp, type KnownText } from '../../src/cache/known-texts.js';
import { contentHashes } from '../../src/cache/reuse.js';
import { loadFiles, type RawFile } from '../../src/engine/scan.js';
import type { Notification } from '../../src/engine/finding.js';

const OLD = Date.now() - 60_000;
const stamp = (size: number, at = OLD, ino = 7): FileStamp => ({ size, mtimeMs: at, ctimeMs: at, ino });

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ dependencies: { express: '^4.19.0' } }),
  'server/app.js': "import express from 'express';\nconst app = express();\n// vibeaudit-ignore-next-line sql-injection -- checked\napp.listen(3000);\n",
  'src/components/Nav.jsx': "'use client';\nexport const Nav = () => null;\n",
};

/** Raw files that count how often each is read, with stamps (all old enough to trust unless given). */
function rawFiles(files: Record<string, string>, stamps: Record<string, FileStamp> = {}) {
  const reads = new Map<string, number>();
  const raw: RawFile[] = Object.entries(files).map(([path, text]) => ({
    path,
    absPath: `/project/${path}`,
    buildOutput: false,
    stamp: stamps[path] ?? stamp(Buffer.byteLength(text)),
    read: () => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return Buffer.from(text, 'utf8');
    },
  }));
  return { raw, reads };
}

function load(raw: RawFile[], known: KnownTexts) {
  const notifications: Notification[] = [];
  const files = loadFiles(raw, notifications, () => {}, () => {}, known);
  return { files, notifications, hashes: contentHashes(files, known) };
}

/** A first scan: everything read and remembered. */
function remembered(files: Record<string, string>): Map<string, KnownText> {
  const kept = new Map<string, KnownText>();
  const known = new KnownTexts(kept);
  const { raw } = rawFiles(files);
  const first = load(raw, known);
  expect(known.update(first.files, new Map(raw.map((r) => [r.path, r.stamp!])), first.hashes)).toBe(true);
  return kept;
}

describe('scripts known from an earlier scan', () => {
  it('loads an unchanged script without reading it, with the same role, hash and suppressions, and reads it when asked', () => {
    const kept = remembered(FILES);
    expect([...kept.keys()].sort()).toEqual(['server/app.js', 'src/components/Nav.jsx']);
    const cold = load(rawFiles(FILES).raw, new KnownTexts(new Map()));

    const { raw, reads } = rawFiles(FILES);
    const known = new KnownTexts(kept);
    const warm = load(raw, known);
    // The manifest builds the project model and is always read; the scripts are not.
    expect(Object.fromEntries(reads)).toEqual({ 'package.json': 1 });
    expect(warm.hashes).toEqual(cold.hashes);
    for (const [i, file] of warm.files.entries()) {
      const before = cold.files[i];
      expect({ role: file.role, roleReason: file.roleReason, language: file.language, minified: file.minified }).toEqual({ role: before.role, roleReason: before.roleReason, language: before.language, minified: before.minified });
      expect(file.suppressions).toEqual(before.suppressions);
    }
    const app = warm.files.find((f) => f.path === 'server/app.js')!;
    expect(app.suppressions.map((s) => s.ruleIds)).toEqual([['sql-injection']]);
    expect(app.lineStarts).toEqual([0, 31, 54, 109, 127]);
    expect(app.text).toBe(FILES['server/app.js']);
    expect(reads.get('server/app.js')).toBe(1);
    void app.text;
    expect(reads.get('server/app.js')).toBe(1);
    expect(known.update(warm.files, new Map(raw.map((r) => [r.path, r.stamp!])), warm.hashes)).toBe(false);
  });

  it('loads unchanged text no parser reads as it is loaded without reading it, and reads structured files every scan', () => {
    const files: Record<string, string> = {
      ...FILES,
      'README.md': '# Shop\n\nRun `npm start`.\n',
      'styles/site.css': 'body { margin: 0; }\n',
      'yarn.lock': '# yarn lockfile v1\n\nexpress@^4.19.0:\n  version "4.19.2"\n',
      // Parsed when loaded: the project model and the rules read what the parsers make of them.
      '.env': 'PORT=3000\n',
      'config.yaml': 'port: 3000\n',
      'firestore.rules': "rules_version = '2';\nservice cloud.firestore { match /databases/{db}/documents { } }\n",
      'dataconnect/connector/queries.gql': 'query ListMovies @auth(level: PUBLIC) { movies { id } }\n',
      // Binary, loaded as no text.
      'bun.lockb': '\u0000\u0001lockb',
    };
    const kept = remembered(files);
    expect([...kept.keys()].sort()).toEqual(['README.md', 'server/app.js', 'src/components/Nav.jsx', 'styles/site.css', 'yarn.lock']);
    const { raw, reads } = rawFiles(files);
    const warm = load(raw, new KnownTexts(kept));
    expect([...reads.keys()].sort()).toEqual(['.env', 'bun.lockb', 'config.yaml', 'dataconnect/connector/queries.gql', 'firestore.rules', 'package.json']);
    const cold = load(rawFiles(files).raw, new KnownTexts(new Map()));
    expect(warm.hashes).toEqual(cold.hashes);
    expect(warm.files.map((f) => [f.path, f.role, f.language])).toEqual(cold.files.map((f) => [f.path, f.role, f.language]));
    expect(warm.files.find((f) => f.path === 'yarn.lock')!.text).toBe(files['yarn.lock']);
  });

  it('reads a script again when its size, modification time, change time or inode differ', () => {
    const kept = remembered(FILES);
    const size = Buffer.byteLength(FILES['server/app.js']);
    for (const changed of [stamp(size + 1), stamp(size, OLD + 1000), { ...stamp(size), ctimeMs: OLD + 5 }, stamp(size, OLD, 8)]) {
      const { raw, reads } = rawFiles(FILES, { 'server/app.js': changed });
      load(raw, new KnownTexts(kept));
      expect(reads.get('server/app.js')).toBe(1);
      expect(reads.get('src/components/Nav.jsx')).toBeUndefined();
    }
  });

  it('does not trust a stamp taken within two seconds of the read: the file may have changed again unseen', () => {
    const recent = Date.now() - 500;
    const kept = new Map<string, KnownText>();
    const known = new KnownTexts(kept);
    const stamps = { 'server/app.js': stamp(Buffer.byteLength(FILES['server/app.js']), recent) };
    const first = rawFiles(FILES, stamps);
    const loaded = load(first.raw, known);
    known.update(loaded.files, new Map(first.raw.map((r) => [r.path, r.stamp!])), loaded.hashes);
    const again = rawFiles(FILES, stamps);
    load(again.raw, new KnownTexts(kept));
    expect(again.reads.get('server/app.js')).toBe(1);
    expect(again.reads.get('src/components/Nav.jsx')).toBeUndefined();
  });

  it('decides the role again when the package around the script changed', () => {
    const kept = remembered(FILES);
    const next = { ...FILES, 'package.json': JSON.stringify({ dependencies: { react: '^18.0.0' } }) };
    const { raw, reads } = rawFiles(next);
    const { files } = load(raw, new KnownTexts(kept));
    expect(reads.get('server/app.js')).toBe(1);
    expect(files.find((f) => f.path === 'server/app.js')!.roleReason).not.toBe('package uses express');
  });

  it('reports a file that vanished before its text was asked for, and goes on with empty text', () => {
    const kept = remembered(FILES);
    const { raw } = rawFiles(FILES);
    raw.find((r) => r.path === 'server/app.js')!.read = () => {
      throw Object.assign(new Error('gone'), { code: 'ENOENT' });
    };
    const { files, notifications } = load(raw, new KnownTexts(kept));
    expect(notifications).toEqual([]);
    const app = files.find((f) => f.path === 'server/app.js')!;
    expect(app.text).toBe('');
    expect(notifications).toEqual([{ level: 'warning', kind: 'read-error', message: 'Could not read file: ENOENT', file: 'server/app.js' }]);
  });

  it('decides the role again when the file now lies in a build-output folder', () => {
    const kept = remembered(FILES);
    const { raw, reads } = rawFiles(FILES);
    raw.find((r) => r.path === 'server/app.js')!.buildOutput = true;
    const { files } = load(raw, new KnownTexts(kept));
    expect(reads.get('server/app.js')).toBe(1);
    expect(files.find((f) => f.path === 'server/app.js')!.role).toBe('build-output');
  });

  it('forgets files that are gone and never keeps files without a stamp (unsaved editor text)', () => {
    const kept = remembered(FILES);
    const { 'src/components/Nav.jsx': _gone, ...rest } = FILES;
    const { raw } = rawFiles(rest);
    raw.find((r) => r.path === 'server/app.js')!.stamp = undefined;
    const known = new KnownTexts(kept);
    const { files, hashes } = load(raw, known);
    expect(known.update(files, new Map(raw.flatMap((r) => (r.stamp ? [[r.path, r.stamp]] : []))), hashes)).toBe(true);
    expect([...kept.keys()]).toEqual([]);
  });
});
