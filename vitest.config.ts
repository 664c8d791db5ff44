import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30000,
    pool: 'threads',
    // Scans keep per-file results in the user's cache folder: tests keep theirs apart from the developer's.
    env: { VIBEAUDIT_CACHE_DIR: join(tmpdir(), `vibeaudit-test-cache-${process.pid}`) },
  },
});
