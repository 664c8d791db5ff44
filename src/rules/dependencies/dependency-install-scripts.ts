import { defineProjectRule } from '../../engine/rule.js';
import { scriptPolicyDecides } from './install-script-policy.js';
import { entryLocation } from './project.js';
import { displayName, resolvedTargets } from './registry-checks.js';

/**
 * The installed version runs `preinstall`, `install` or `postinstall`: code that runs on every `npm install`,
 * unless the project's install-script policy already names the package (allowed or blocked).
 */
export const dependencyInstallScripts = defineProjectRule({
  id: 'dependency-install-scripts',
  messageIds: ['installScript'],
  async check(ctx) {
    const { found } = await resolvedTargets(ctx);
    for (const { target, packument, version } of found) {
      const scripts = version ? packument.versions[version]?.installScripts : undefined;
      if (!scripts || scriptPolicyDecides(ctx.model, target.entry.pkg, [target.entry.name, target.name], version!)) continue;
      const [script, command] = Object.entries(scripts)[0];
      ctx.report(target.entry.manifest, {
        messageId: 'installScript',
        data: { name: displayName(target), version: version!, script, command: command.length > 120 ? `${command.slice(0, 117)}...` : command, scripts: Object.keys(scripts).join('`, `') },
        ...entryLocation(target.entry),
      });
    }
  },
});
