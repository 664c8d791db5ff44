import semver from 'semver';
import type { TaintFlow } from '../../dataflow/index.js';
import type { ProjectModel } from '../../model/types.js';
import { coverageOf } from '../dependencies/project.js';
import { defineTaintRule } from './taint-rule.js';

/** Merge and path-setting libraries that refuse `__proto__` and `constructor.prototype` from a release on. */
const FIXED_IN: readonly [label: RegExp, pkg: string, fixed: string][] = [
  [/^lodash\.merge$/, 'lodash.merge', '4.6.2'],
  [/^lodash\.mergewith$/, 'lodash.mergewith', '4.6.2'],
  [/^lodash\.defaultsdeep$/, 'lodash.defaultsdeep', '4.6.1'],
  [/^(?:lodash[./]|_\.)/, 'lodash', '4.17.20'],
  [/^lodash-es[./]/, 'lodash-es', '4.17.20'],
  [/^(?:jquery|jQuery|\$)\.extend$/, 'jquery', '3.4.0'],
  [/^extend$/, 'extend', '3.0.2'],
  [/^merge-deep$/, 'merge-deep', '3.0.3'],
  [/^deep-extend$/, 'deep-extend', '0.5.1'],
  [/^mixin-deep$/, 'mixin-deep', '2.0.1'],
  [/^set-value$/, 'set-value', '4.0.1'],
  [/^dot-prop\./, 'dot-prop', '5.1.1'],
  [/^dset$/, 'dset', '3.1.2'],
  [/^merge\.recursive$/, 'merge', '2.1.1'],
];

/**
 * The library the flow reaches is a release that blocks prototype keys: lodash 4.17.20+, jQuery 3.4+, ….
 * The version is the one the lockfile installs, else the lowest the package.json range allows.
 */
function patchedLibrary(flow: TaintFlow, model: ProjectModel): boolean {
  const pkg = model.fileByPath.get(flow.sink.file)?.package;
  if (!pkg) return false;
  for (const [label, name, fixed] of FIXED_IN) {
    if (!label.test(flow.sink.label)) continue;
    const range = pkg.dependencies[name] ?? pkg.devDependencies[name] ?? pkg.optionalDependencies[name] ?? pkg.peerDependencies[name];
    if (range === undefined) continue;
    const locked = coverageOf(pkg, model).lockfiles.flatMap((l) => (l.packages.get(name) ?? []).map((p) => p.version ?? ''));
    // Copies nested under other packages can be older: the one the app imports is the one its range allows.
    const direct = locked.filter((v) => semver.valid(v) && semver.satisfies(v, range));
    const versions = direct.length ? direct : locked.length ? locked : [semverMin(range)];
    return versions.every((v) => !!v && semver.valid(v) !== null && semver.gte(v, fixed));
  }
  return false;
}

function semverMin(range: string): string | undefined {
  try {
    return semver.minVersion(range)?.version;
  } catch {
    return undefined;
  }
}

export const prototypePollution = defineTaintRule({
  id: 'prototype-pollution',
  sink: 'prototype-pollution',
  messageIds: ['request', 'message'],
  skip: patchedLibrary,
});
