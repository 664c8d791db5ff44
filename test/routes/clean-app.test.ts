import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { scanDirectory } from '../../src/engine/scan.js';
import type { RouteEntry } from '../../src/routes/types.js';

describe('the clean fixture app', () => {
  it('shows every entry point as protected or deliberately public', async () => {
    let routes: RouteEntry[] = [];
    await scanDirectory(new URL('../../fixtures/clean-app', import.meta.url).pathname, { config: defaultConfig(), offline: true, routes: true, onModel: (m) => (routes = m.routes) });
    expect(routes.map((r) => ({ route: `${r.method} ${r.path}`, at: `${r.file}:${r.line}`, auth: r.auth, public: !!r.public }))).toEqual([
      { route: 'GET /health', at: 'apps/api/src/index.ts:29', auth: 'none', public: true },
      { route: 'POST /api/webhooks/stripe', at: 'apps/api/src/index.ts:34', auth: 'none', public: true },
      { route: 'POST /api/checkout', at: 'apps/api/src/index.ts:58', auth: 'required', public: false },
    ]);
    expect(routes[1].public).toContain('stripe.webhooks.constructEvent');
    expect(routes[2].evidence).toBe('`if (!auth.user)` turns away visitors who are not signed in (apps/api/src/index.ts:61)');
    expect(routes[2].touches.map((t) => `${t.kind}:${t.target}`)).toEqual(['read:walks', 'payment:stripe.checkout.sessions']);
  });
});
