import { findingEvidence, hitEvidence } from '../facts.js';
import { fail, notApplicable, pass, some, warn } from '../outcome.js';
import type { CheckItem } from '../types.js';

const lockfile: CheckItem = {
  id: 'lockfile-committed',
  group: 'delivery',
  title: 'A lockfile is committed',
  why: 'Without a lockfile every install can pull different versions, including a compromised release published an hour ago; what you tested is not what you deploy.',
  fix: 'Commit `package-lock.json` (or the pnpm/yarn/bun lockfile) and install with `npm ci` in CI and Docker.',
  weight: 2,
  evaluate(f) {
    if (!f.model.packages.length) return notApplicable('No package.json.');
    const missing = f.findingsOf('lockfile-missing');
    if (missing.length) return fail('An application has no lockfile.', some(missing.map(findingEvidence)));
    if (!f.model.lockfiles.length) return notApplicable('Nothing is installed from the registry.');
    return pass('Dependencies are locked.', f.model.lockfiles.slice(0, 3).map((l) => ({ file: l.path, note: `${l.kind} lockfile` })));
  },
};

const nodeVersion: CheckItem = {
  id: 'node-version-pinned',
  group: 'delivery',
  title: 'The Node.js version is pinned',
  why: 'Hosts pick a default Node version that changes over time; an upgrade you did not choose can break the build or the app on the next deploy.',
  fix: 'Add `"engines": { "node": "20.x" }` to package.json and an `.nvmrc` with the same version.',
  weight: 1,
  evaluate(f) {
    if (!f.model.packages.length) return notApplicable('No package.json.');
    const files = f.files(/(?:^|\/)(?:\.nvmrc|\.node-version|\.tool-versions)$/);
    const engines = f.search(f.files(/(?:^|\/)package\.json$/), /"engines"\s*:\s*\{[^}]*"node"|"volta"\s*:\s*\{[^}]*"node"/);
    if (files.length || engines.length) return pass('The Node.js version is pinned.', some([...files.map((x) => ({ file: x.path, note: 'Node version file' })), ...engines.map((h) => hitEvidence(h, 'Node version in package.json'))]));
    return fail('No `engines.node`, `.nvmrc` or `.node-version` pins the Node.js version.');
  },
};

const TEST_COMMAND = /\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?test\b|\bnpx\s+(?:vitest|jest|mocha|playwright|cypress)\b|\b(?:vitest|jest|mocha|ava|tap)\b(?:\s+run)?|\bplaywright\s+test\b|\bnode\s+--test\b/;

const ciTests: CheckItem = {
  id: 'ci-runs-tests',
  group: 'delivery',
  title: 'CI runs the tests on every change',
  why: 'Tests that only run on one laptop do not stop a broken change from shipping. A CI workflow runs them on every push and pull request.',
  fix: 'Add `.github/workflows/ci.yml` that runs `npm ci` and `npm test` on `push` and `pull_request`.',
  weight: 2,
  evaluate(f) {
    if (!f.model.packages.length) return notApplicable('No package.json: not a Node.js project.');
    const workflows = f.files(/(?:^|\/)(?:\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci\/config\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines\.ya?ml)$/);
    if (!workflows.length) return fail('No CI workflow was found.');
    const running = f.search(workflows, TEST_COMMAND);
    if (running.length) return pass('A CI workflow runs the tests.', some(running.map((h) => hitEvidence(h))));
    return warn('CI exists but no workflow runs the tests.', workflows.slice(0, 3).map((w) => ({ file: w.path, note: 'workflow without a test step' })));
  },
};

const testsExist: CheckItem = {
  id: 'tests-exist',
  group: 'delivery',
  title: 'The app has automated tests',
  why: 'Without tests every change is checked by hand, or not at all; AI-written changes in particular break things far from where they were made.',
  fix: 'Start with a few tests of the riskiest paths (sign-up, payment, permissions) using vitest or jest, and run them in CI.',
  weight: 2,
  evaluate(f) {
    if (!f.model.packages.length) return notApplicable('No package.json: not a Node.js project.');
    if (f.tests.length) return pass(`${f.tests.length} test file${f.tests.length === 1 ? '' : 's'}.`, f.tests.slice(0, 3).map((t) => ({ file: t.path, note: 'test file' })));
    const placeholder = f.model.packages.find((p) => /no test specified/.test(p.scripts.test ?? ''));
    return fail('No test files were found.', placeholder ? [{ file: placeholder.manifestPath, note: 'the `test` script is npm\'s placeholder' }] : []);
  },
};

const DEV_RUNNERS = /\b(?:nodemon|ts-node-dev|ts-node|tsx\s+watch|next\s+dev|vite(?!\s+preview)\b|node\s+--watch|react-scripts\s+start|webpack-dev-server|nest\s+start\s+--watch)\b/;

const productionStart: CheckItem = {
  id: 'production-start-script',
  group: 'delivery',
  title: 'A production start script',
  why: 'Watchers and on-the-fly compilers (`nodemon`, `ts-node`, `next dev`) restart on file changes, use more memory and skip production optimisations; they are for laptops.',
  fix: 'Build once (`tsc`, `next build`) and start the output: `"start": "node dist/server.js"` or `"start": "next start"`.',
  weight: 1,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const servers = f.model.packages.filter((p) => p.frameworks.some((fw) => ['express', 'fastify', 'koa', 'hono', 'nestjs', 'nextjs', 'parse'].includes(fw)) || /\bnode\b/.test(p.scripts.start ?? ''));
    if (!servers.length) return notApplicable('No package runs a server process (functions are deployed by their platform).');
    const dev = servers.filter((p) => DEV_RUNNERS.test(p.scripts.start ?? ''));
    if (dev.length) return fail('The `start` script runs a development watcher or compiler.', dev.map((p) => ({ file: p.manifestPath, note: `\`start\`: \`${(p.scripts.start ?? '').slice(0, 60)}\`` })));
    const missing = servers.filter((p) => !p.scripts.start);
    if (missing.length === servers.length) return warn('No `start` script: the host has to guess how to run the app.', missing.slice(0, 3).map((p) => ({ file: p.manifestPath, note: 'no `start` script' })));
    return pass('The app starts from built code.', servers.filter((p) => p.scripts.start).slice(0, 3).map((p) => ({ file: p.manifestPath, note: `\`start\`: \`${(p.scripts.start ?? '').slice(0, 60)}\`` })));
  },
};

const dockerfile: CheckItem = {
  id: 'dockerfile-sane',
  group: 'delivery',
  title: 'The Dockerfile is production-grade',
  why: 'A floating base image changes under you, a container running as root turns any code-execution bug into full control of the container, and `npm install` ignores the lockfile.',
  fix: 'Pin the base image (`FROM node:20.11-alpine`), install with `npm ci --omit=dev`, and switch to a non-root user (`USER node`) before `CMD`.',
  weight: 1,
  evaluate(f) {
    const files = f.files(/(?:^|\/)Dockerfile(?:\.[\w-]+)?$/).filter((x) => !/\.(?:dev|local|test)$/i.test(x.path));
    if (!files.length) return notApplicable('No Dockerfile.');
    // The Dockerfile rules answer most of this item; only the install command is the checklist's own.
    const found = f.findingsOf('dockerfile-').filter((x) => files.some((file) => file.path === x.file));
    const installs = f.search(files, /\bnpm\s+install\b(?!\s+-g)/).map((h) => hitEvidence(h, '`npm install` ignores the lockfile; use `npm ci`'));
    if (found.length || installs.length) return fail('The Dockerfile has a floating base image, runs as root, holds secrets or ignores the lockfile.', some([...found.map(findingEvidence), ...installs]));
    return pass('Pinned base image, lockfile install and a non-root user.', files.slice(0, 2).map((x) => ({ file: x.path, note: 'Dockerfile' })));
  },
};

export const DELIVERY_ITEMS: readonly CheckItem[] = [lockfile, nodeVersion, ciTests, testsExist, productionStart, dockerfile];
