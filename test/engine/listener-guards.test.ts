import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { SourceProbe } from '../../src/dataflow/source-probe.js';
import type { ScanResult } from '../../src/engine/result.js';
import { catalogue, scanVirtual } from '../../src/engine/scan.js';
import type { AstRule } from '../../src/engine/rule.js';
import type { Visitor } from '../../src/engine/traverse.js';
import { RouteCollector, type RouteEntry } from '../../src/routes/index.js';

/*
 * A listener that throws is a vibeaudit bug: the scan says so, once per failure, and goes on. A rule's listener is
 * guarded call by call; route facts stop at their file's first failure and are dropped; a failing source probe makes
 * its file one the data-flow pass analyses.
 */

const PACKAGE = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } });
const SERVER = [
  "const express = require('express');",
  'const app = express();',
  "app.post('/users', async (req, res) => { res.json(await db.user.create({ data: req.body })); });",
  "app.get('/users/:id', async (req, res) => { res.json(await db.user.findUnique({ where: { id: req.params.id } })); });",
  'app.listen(3000);',
  '',
].join('\n');

afterEach(() => vi.restoreAllMocks());

async function scan(files: Record<string, string>, onModel?: (routes: RouteEntry[]) => void): Promise<ScanResult> {
  return scanVirtual(files, { config: defaultConfig(), offline: true, onModel: onModel && ((m) => onModel(m.routes)) });
}

describe('listeners that throw', () => {
  it('report a rule that failed, call it again on later nodes, and keep the other rules\u2019 findings', async () => {
    const entry = catalogue().find((e) => e.meta.id === 'mass-assignment')!;
    const rule = entry.rule as AstRule;
    const create = rule.create;
    let calls = 0;
    rule.create = () => ({
      CallExpression: () => {
        calls++;
        throw new Error('boom');
      },
    });
    try {
      const result = await scan({ 'package.json': PACKAGE, 'server/app.js': SERVER });
      const errors = result.notifications.filter((n) => n.kind === 'rule-error');
      expect(errors.length).toBe(calls);
      expect(calls).toBeGreaterThan(5);
      expect(errors[0]).toMatchObject({ file: 'server/app.js', message: 'Rule mass-assignment failed (a vibeaudit bug, please report it): boom' });
      // Other rules ran on the same file.
      expect(result.findings.some((f) => f.ruleId === 'route-without-auth' && f.file === 'server/app.js')).toBe(true);
    } finally {
      rule.create = create;
    }
  });

  it('stop the route facts of a file at their first failure, and drop them', async () => {
    let routes: RouteEntry[] = [];
    const before = await scan({ 'package.json': PACKAGE, 'server/app.js': SERVER }, (r) => (routes = r));
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /users/:id', 'POST /users']);
    expect(before.notifications.filter((n) => n.kind === 'rule-error')).toEqual([]);

    const begin = RouteCollector.prototype.begin;
    let calls = 0;
    vi.spyOn(RouteCollector.prototype, 'begin').mockImplementation(function (this: RouteCollector, ...args: Parameters<RouteCollector['begin']>) {
      const listeners = begin.apply(this, args) ?? {};
      const real = listeners.CallExpression;
      const failing: Visitor = (node) => {
        calls++;
        real?.(node);
        throw new Error('route bug');
      };
      return { ...listeners, CallExpression: failing };
    });
    const result = await scan({ 'package.json': PACKAGE, 'server/app.js': SERVER }, (r) => (routes = r));
    expect(calls).toBe(1);
    expect(routes).toEqual([]);
    expect(result.notifications.filter((n) => n.kind === 'rule-error')).toEqual([
      expect.objectContaining({ file: 'server/app.js', message: 'Route inventory failed on this file, so its routes may be missing (a vibeaudit bug, please report it): route bug' }),
    ]);
  });

  it('make a file whose source probe failed one that may start flows, without a notification', async () => {
    // A helper with no source of its own: the probe finds none, so the data-flow pass skips it until a caller asks.
    const files = { 'package.json': PACKAGE, 'server/find.js': "exports.find = (q) => db.collection('users').find({ name: q.trim() });\n" };
    const found = vi.spyOn(SourceProbe.prototype, 'found');
    await scan(files);
    expect(found.mock.results.map((r) => r.value)).toEqual([false]);
    found.mockClear();
    vi.spyOn(SourceProbe.prototype as unknown as { member: () => void }, 'member').mockImplementation(() => {
      throw new Error('probe bug');
    });
    const result = await scan(files);
    expect(found.mock.results.map((r) => r.value)).toEqual([true]);
    expect(result.notifications.filter((n) => n.kind === 'rule-error')).toEqual([]);
  });
});
