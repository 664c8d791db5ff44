import { defineProjectRule } from '../../engine/rule.js';
import { entriesOf, isGit, isLocal, lineOfEntry, listNames } from './lockfile-entries.js';

/**
 * Registry packages recorded without an integrity hash: `npm ci` cannot tell a tampered tarball from the one
 * that was locked. Git, local and workspace entries have no hash by design and are left out.
 */
export const lockfileMissingIntegrity = defineProjectRule({
  id: 'lockfile-missing-integrity',
  messageIds: ['missing'],
  check(ctx) {
    for (const lock of ctx.model.lockfiles) {
      // bun's binary lockfile and unreadable ones say nothing about hashes.
      if (!lock.readable) continue;
      const file = ctx.model.fileByPath.get(lock.path);
      if (!file) continue;
      const missing = entriesOf(lock).filter((e) => !e.pkg.integrity && e.pkg.version && !isLocal(e.pkg) && !isGit(e.pkg) && (!e.pkg.resolved || /^https?:\/\//.test(e.pkg.resolved)));
      if (!missing.length) continue;
      const first = missing[0];
      const line = lineOfEntry(file, [first.pkg.resolved ?? '\u0000', `node_modules/${first.installName}"`, `${first.installName}@`, `/${first.installName}@`]);
      ctx.report(file, {
        messageId: 'missing',
        data: { lockfile: lock.path, packages: listNames(missing.map((e) => e.installName)), count: missing.length },
        range: { startLine: line, startColumn: 1, endLine: line, endColumn: file.text.split('\n')[line - 1].length + 1 },
      });
    }
  },
});
