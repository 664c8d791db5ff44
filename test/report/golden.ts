import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));

/** Compare with test/report/golden/<name>; `UPDATE_GOLDEN=1 npx vitest run test/report` rewrites the files. */
export function expectGolden(name: string, actual: string): void {
  const path = `${GOLDEN_DIR}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`Missing golden file ${name}: run the tests once with UPDATE_GOLDEN=1 and review it.`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
