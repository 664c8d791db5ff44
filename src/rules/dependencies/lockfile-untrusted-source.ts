import { defineProjectRule } from '../../engine/rule.js';
import { configuredRegistryHosts, entriesOf, hostOf, isGit, isLocal, lineOfEntry, listNames, type Entry } from './lockfile-entries.js';

/**
 * Lockfile entries downloaded over plain HTTP (anyone on the network path can swap the code) or from a host
 * that is not a registry the project configures (a tarball URL someone pasted, a personal server).
 */
export const lockfileUntrustedSource = defineProjectRule({
  id: 'lockfile-untrusted-source',
  messageIds: ['http', 'otherHost'],
  check(ctx) {
    const trusted = configuredRegistryHosts(ctx.model);
    for (const lock of ctx.model.lockfiles) {
      if (!lock.readable) continue;
      const file = ctx.model.fileByPath.get(lock.path);
      if (!file) continue;
      const remote = entriesOf(lock).filter((e) => e.pkg.resolved && !isLocal(e.pkg) && !isGit(e.pkg) && /^https?:\/\//.test(e.pkg.resolved));
      const http = remote.filter((e) => e.pkg.resolved!.startsWith('http://'));
      const other = remote.filter((e) => e.pkg.resolved!.startsWith('https://') && !trusted.has(hostOf(e.pkg.resolved!) ?? ''));
      const report = (messageId: 'http' | 'otherHost', list: Entry[], severity?: 'high') => {
        if (!list.length) return;
        const hosts = [...new Set(list.map((e) => hostOf(e.pkg.resolved!) ?? '?'))];
        const line = lineOfEntry(file, [list[0].pkg.resolved!]);
        ctx.report(file, {
          messageId,
          data: { lockfile: lock.path, packages: listNames(list.map((e) => e.installName)), hosts: listNames(hosts, 3), count: list.length },
          range: { startLine: line, startColumn: 1, endLine: line, endColumn: file.text.split('\n')[line - 1].length + 1 },
          severity,
        });
      };
      report('http', http, 'high');
      report('otherHost', other);
    }
  },
});
