/** package.json text as npm writes it (two-space indent), so finding lines are easy to count. */
export const manifest = (fields: Record<string, unknown>): string => `${JSON.stringify(fields, null, 2)}\n`;

export const SHA_A = 'sha512-28HqgMZAmih1Czt9ny7qr6ek2qddF4FclbMzwhCREB6OFfH+rXAnuNCwo1/wFvrtbgsQDb4kSbX9de9lFbrXnA==';
export const SHA_B = 'sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==';

/** An npm v3 lockfile whose importers (`''`, `packages/x`) hold the given ranges, each installed at 1.0.0. */
export function npmLock(importers: Record<string, Record<string, string>>): string {
  const packages: Record<string, unknown> = {};
  for (const [dir, deps] of Object.entries(importers)) {
    packages[dir] = { name: dir || 'app', dependencies: deps };
    for (const name of Object.keys(deps)) {
      packages[`node_modules/${name}`] = { version: '1.0.0', resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`, integrity: SHA_A };
    }
  }
  return `${JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}
