import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import type { ScanResult } from '../../src/engine/result.js';
import { scanVirtual } from '../../src/engine/scan.js';
import { REPORTERS } from '../../src/report/index.js';
import { sarifErrors } from './sarif-schema.js';

// Fake, random, in the real format. The .env line also carries a suppression comment without a reason, so
// at least one rule (suppression-without-reason) reports on the very line that holds the secret.
const FAKE_STRIPE_KEY = 'sk_live_51Hq8ZkLmN3pQ7rStUvWxYz0aBcDeFgHi';
const FAKE_SERVICE_ROLE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Ng';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'demo', dependencies: { vite: '^5.0.0', react: '^18.0.0', '@supabase/supabase-js': '^2.0.0' } }),
  '.env': `STRIPE_SECRET_KEY=${FAKE_STRIPE_KEY} # vibeaudit-ignore-next-line hardcoded-secret\nVITE_SUPABASE_SERVICE_ROLE_KEY=${FAKE_SERVICE_ROLE}\n`,
  'src/lib/supabase.ts': `import { createClient } from '@supabase/supabase-js';\n// vibeaudit-ignore-next-line hardcoded-secret\nexport const supabase = createClient('https://x.supabase.co', import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY);\nconst stripe = "${FAKE_STRIPE_KEY}";\n`,
  'src/broken.ts': 'const x = (;\n',
};

async function realScan(): Promise<ScanResult> {
  const result = await scanVirtual(FILES, { config: defaultConfig(), offline: true, target: 'demo' });
  result.stats.durationMs = 1000;
  return result;
}

describe('reporters on a real scan', () => {
  it('renders every format, and the SARIF validates', async () => {
    const result = await realScan();
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.notifications.some((n) => n.kind === 'parse-error')).toBe(true);
    for (const [format, render] of Object.entries(REPORTERS)) {
      const out = render(result, { color: format === 'terminal' });
      expect(out.length, format).toBeGreaterThan(0);
    }
    expect(sarifErrors(JSON.parse(REPORTERS.sarif(result)))).toEqual([]);
    const json = JSON.parse(REPORTERS.json(result));
    expect(json.findings).toHaveLength(result.findings.length);
  });

  it('no output contains a secret value that is only in the raw source', async () => {
    const result = await realScan();
    // The finding on the .env line shows that line, redacted by the engine.
    const envFinding = result.findings.find((f) => f.file === '.env' && f.range.startLine === 1);
    expect(envFinding?.snippet).toContain('sk_live_');
    const outputs = [
      REPORTERS.terminal(result, { color: false }),
      REPORTERS.terminal(result, { color: true, verbose: true }),
      REPORTERS.sarif(result),
      REPORTERS.markdown(result),
      REPORTERS.json(result),
    ];
    for (const out of outputs) {
      expect(out).not.toContain(FAKE_STRIPE_KEY);
      expect(out).not.toContain(FAKE_SERVICE_ROLE);
      expect(out).not.toContain(FAKE_STRIPE_KEY.slice(8, 24));
    }
    // The redacted snippet passes through unchanged.
    expect(REPORTERS.markdown(result)).toContain(envFinding!.snippet);
    expect(JSON.parse(REPORTERS.sarif(result)).runs[0].results.map((r: { locations: { physicalLocation: { region: { snippet?: { text: string } } } }[] }) => r.locations[0].physicalLocation.region.snippet?.text)).toContain(envFinding!.snippet);
  });

  it('never writes an absolute path of this machine', async () => {
    const result = await realScan();
    for (const out of [REPORTERS.sarif(result), REPORTERS.markdown(result), REPORTERS.json(result), REPORTERS.terminal(result, {})]) {
      expect(out).not.toContain(process.cwd());
      expect(out).not.toMatch(/file:\/\//);
    }
  });
});
