import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecklist } from '../../src/checklist/index.js';
import { defaultConfig } from '../../src/config/types.js';
import { scanDirectory } from '../../src/engine/scan.js';
import type { ProjectModel } from '../../src/model/types.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** What each fixture really lacks: the items that fail and those that need checking; everything else passes or does not apply. */
const EXPECTED: Record<string, { fail: string[]; warn: string[] }> = {
  'clean-app': { fail: [], warn: [] },
  'bolt-express-mongo': {
    fail: ['security-headers', 'rate-limiting', 'input-validation', 'env-validated', 'env-example', 'no-committed-secrets', 'graceful-shutdown', 'process-error-handlers', 'structured-logger', 'request-logging', 'error-tracking', 'lockfile-committed', 'node-version-pinned', 'ci-runs-tests', 'tests-exist', 'dockerfile-sane'],
    warn: ['cors-restricted', 'error-handler', 'https-and-proxy', 'env-separation', 'database-pool-timeouts', 'audit-log', 'backups', 'production-start-script'],
  },
  'nextjs-app': {
    fail: ['security-headers', 'rate-limiting', 'input-validation', 'env-validated', 'env-gitignored', 'no-committed-secrets', 'outbound-timeouts', 'structured-logger', 'error-tracking', 'versioned-migrations', 'node-version-pinned', 'tests-exist'],
    warn: ['env-separation', 'webhook-idempotency', 'audit-log', 'supabase-rls', 'backups', 'ci-runs-tests'],
  },
  'lovable-supabase': {
    fail: ['rate-limiting', 'input-validation', 'env-validated', 'env-gitignored', 'env-example', 'no-committed-secrets', 'outbound-timeouts', 'structured-logger', 'error-tracking', 'supabase-rls', 'node-version-pinned', 'ci-runs-tests', 'tests-exist'],
    warn: ['cors-restricted', 'env-separation', 'audit-log', 'backups'],
  },
  'parse-server': {
    fail: ['security-headers', 'rate-limiting', 'input-validation', 'env-validated', 'no-committed-secrets', 'health-endpoint', 'graceful-shutdown', 'process-error-handlers', 'outbound-timeouts', 'structured-logger', 'request-logging', 'error-tracking', 'parse-permissions', 'lockfile-committed', 'ci-runs-tests', 'tests-exist'],
    warn: ['error-handler', 'https-and-proxy', 'env-separation', 'job-retries', 'audit-log', 'backups'],
  },
};

describe('fixture apps fail exactly the checklist items they lack', () => {
  for (const [app, expected] of Object.entries(EXPECTED)) {
    it(app, async () => {
      let model: ProjectModel | undefined;
      const scan = await scanDirectory(join(FIXTURES, app), { config: defaultConfig(), offline: true, onModel: (m) => (model = m) });
      const result = runChecklist({ model: model!, findings: scan.findings, rules: scan.rules });
      expect(result.items.filter((i) => i.status === 'fail').map((i) => i.id)).toEqual(expected.fail);
      expect(result.items.filter((i) => i.status === 'warn').map((i) => i.id)).toEqual(expected.warn);
      // Every gap points at something: a file, or says in its summary what was looked for.
      for (const item of result.items.filter((i) => i.status === 'fail' || i.status === 'warn')) expect(item.summary.length, item.id).toBeGreaterThan(10);
      if (app === 'clean-app') expect(result.score).toBe(100);
    });
  }
});
