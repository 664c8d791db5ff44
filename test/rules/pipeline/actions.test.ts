import { ruleTester } from '../../helpers/rule-tester.js';

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';
const wf = (body: string, head = 'on: push\npermissions:\n  contents: read\n') => ({ '.github/workflows/ci.yml': `${head}jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${body}` });

ruleTester('actions-unpinned', {
  valid: [
    { name: 'full SHAs and a local action', files: wf(`      - uses: actions/checkout@${SHA} # v4\n      - uses: tj-actions/changed-files@ed68ef82c095e0d48ec87eccea555d944a631a4c\n      - uses: ./.github/actions/setup\n`) },
    { name: 'docker image pinned by digest', files: wf(`      - uses: docker://alpine@sha256:${'a'.repeat(64)}\n`) },
    { name: 'a yaml file outside .github/workflows', files: { 'config/ci.yml': 'jobs:\n  a:\n    steps:\n      - uses: foo/bar@v1\n' } },
    { name: 'a non-composite action.yml', files: { 'action.yml': 'runs:\n  using: node20\n  main: dist/index.js\n' } },
  ],
  invalid: [
    { name: 'third-party tag', files: wf(`      - uses: actions/checkout@${SHA}\n      - uses: tj-actions/changed-files@v45\n`), errors: [{ messageId: 'unpinned', line: 9, severity: 'medium' }] },
    { name: 'first-party tag is low', files: wf(`      - uses: actions/setup-node@v4\n`), errors: [{ messageId: 'unpinnedFirstParty', line: 8, severity: 'low' }] },
    { name: 'short SHA and branch', files: wf(`      - uses: peaceiris/actions-gh-pages@373f7f2\n      - uses: some-org/deploy-action/sub@main\n`), errors: [{ messageId: 'unpinned', line: 8 }, { messageId: 'unpinned', line: 9 }] },
    { name: 'reusable workflow at a tag', files: { '.github/workflows/call.yml': 'on: push\njobs:\n  call:\n    uses: acme/workflows/.github/workflows/deploy.yml@v1\n' }, errors: [{ messageId: 'unpinned', line: 4 }] },
    { name: 'docker image by tag', files: wf(`      - uses: docker://alpine:3.20\n`), errors: [{ messageId: 'dockerUnpinned', line: 8 }] },
    {
      name: 'composite action.yml steps',
      files: { 'action.yml': 'name: x\nruns:\n  using: composite\n  steps:\n    - uses: pnpm/action-setup@v4\n    - run: echo hi\n      shell: bash\n' },
      errors: [{ messageId: 'unpinned', line: 5 }],
    },
  ],
});

ruleTester('actions-script-injection', {
  valid: [
    { name: 'passed through env', files: wf(`      - env:\n          TITLE: \${{ github.event.pull_request.title }}\n        run: echo "$TITLE"\n`) },
    { name: 'trusted contexts in run', files: wf(`      - run: echo "\${{ github.sha }} \${{ github.ref }} \${{ matrix.node }}"\n`) },
    { name: 'untrusted field in an if condition', files: wf(`      - if: contains(github.event.issue.title, 'bug')\n        run: echo bug\n`) },
    { name: 'github-script reading the payload', files: wf(`      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea\n        with:\n          script: console.log(context.payload.issue.title)\n`) },
  ],
  invalid: [
    { name: 'issue title in a one-line run', files: wf(`      - run: echo "\${{ github.event.issue.title }}"\n`), errors: [{ messageId: 'inRun', line: 8 }] },
    {
      name: 'head_ref and a commit message in a block script',
      files: wf(`      - run: |\n          git checkout main\n          echo "\${{ github.head_ref }}"\n          echo "\${{ github.event.head_commit.message }}"\n`),
      errors: [{ messageId: 'inRun', line: 10 }, { messageId: 'inRun', line: 11 }],
    },
    { name: 'comment body in github-script', files: wf(`      - uses: actions/github-script@v7\n        with:\n          script: |\n            const body = "\${{ github.event.comment.body }}";\n`), errors: [{ messageId: 'inScript', line: 11 }] },
    { name: 'pull request head ref in a composite action', files: { 'action.yaml': 'runs:\n  using: composite\n  steps:\n    - run: ./build.sh ${{ github.event.pull_request.head.ref }}\n      shell: bash\n' }, errors: [{ messageId: 'inRun', line: 4 }] },
  ],
});

ruleTester('actions-secret-echoed', {
  valid: [
    { name: 'secret written to a file', files: wf(`      - run: echo "//registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}" > ~/.npmrc\n`) },
    { name: 'secret piped to a login command', files: wf(`      - run: echo "\${{ secrets.GHCR_TOKEN }}" | docker login ghcr.io -u bot --password-stdin\n`) },
    { name: 'secret env used by a tool', files: wf(`      - env:\n          TOKEN: \${{ secrets.TOKEN }}\n        run: npx vercel deploy --token "$TOKEN"\n`) },
    { name: 'add-mask', files: wf(`      - run: echo "::add-mask::\${{ secrets.DERIVED }}"\n`) },
  ],
  invalid: [
    { name: 'echo of a secret expression', files: wf(`      - run: echo "Deploying with \${{ secrets.DEPLOY_KEY }}"\n`), errors: [{ messageId: 'echoed', line: 8 }] },
    { name: 'echo of an env set from a secret', files: wf(`      - env:\n          API_TOKEN: \${{ secrets.API_TOKEN }}\n        run: |\n          echo "token: $API_TOKEN"\n`), errors: [{ messageId: 'echoed', line: 11 }] },
    { name: 'printed through base64', files: wf(`      - run: printf '%s' "\${{ secrets.KEY }}" | base64\n`), errors: [{ messageId: 'echoed', line: 8 }] },
    { name: 'toJSON(secrets)', files: wf(`      - run: node scripts/setup.js '\${{ toJSON(secrets) }}'\n`), errors: [{ messageId: 'allSecrets', line: 8 }] },
  ],
});

const PRT = 'on:\n  pull_request_target:\n    types: [opened, synchronize]\npermissions:\n  contents: read\n';
ruleTester('actions-pull-request-target-checkout', {
  valid: [
    { name: 'pull_request_target checking out the base only', files: wf(`      - uses: actions/checkout@${SHA}\n      - run: npm ci && npm test\n`, PRT) },
    { name: 'head checkout without running anything after', files: wf(`      - run: echo start\n      - uses: actions/checkout@${SHA}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - uses: actions/upload-artifact@${SHA}\n`, PRT) },
    { name: 'head checkout under pull_request is safe', files: wf(`      - uses: actions/checkout@${SHA}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: npm test\n`, 'on: pull_request\npermissions:\n  contents: read\n') },
  ],
  invalid: [
    { name: 'head sha then npm', files: wf(`      - uses: actions/checkout@${SHA}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: npm ci && npm run build\n`, PRT), errors: [{ messageId: 'checkoutThenRun', line: 12 }] },
    { name: 'merge ref then local action', files: wf(`      - uses: actions/checkout@${SHA}\n        with:\n          ref: refs/pull/\${{ github.event.number }}/merge\n      - uses: ./.github/actions/test\n`, PRT), errors: [{ messageId: 'checkoutThenRun', line: 12 }] },
    { name: 'workflow_run with gh pr checkout', files: wf(`      - run: |\n          gh pr checkout \${{ github.event.workflow_run.pull_requests[0].number }}\n          make test\n`, 'on:\n  workflow_run:\n    workflows: [ci]\n    types: [completed]\n'), errors: [{ messageId: 'checkoutThenRun', line: 10 }] },
  ],
});

ruleTester('actions-excessive-permissions', {
  valid: [
    { name: 'top-level read permissions', files: wf(`      - run: deploy \${{ secrets.TOKEN }}\n`) },
    { name: 'no permissions, no secrets, plain push', files: wf(`      - run: npm test\n`, 'on: push\n') },
    { name: 'every job sets its own permissions', files: { '.github/workflows/ci.yml': 'on: pull_request_target\njobs:\n  label:\n    permissions:\n      pull-requests: write\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n' } },
    { name: 'only GITHUB_TOKEN', files: wf(`      - run: gh release view\n        env:\n          GH_TOKEN: \${{ secrets.GITHUB_TOKEN }}\n`, 'on: push\n') },
  ],
  invalid: [
    { name: 'write-all at the top', files: wf(`      - run: npm test\n`, 'on: push\npermissions: write-all\n'), errors: [{ messageId: 'writeAll', line: 2 }] },
    { name: 'write-all on a job', files: { '.github/workflows/ci.yml': 'on: push\npermissions:\n  contents: read\njobs:\n  a:\n    permissions: write-all\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n' }, errors: [{ messageId: 'writeAll', line: 6 }] },
    { name: 'secrets without permissions', files: wf(`      - run: ./deploy.sh\n        env:\n          KEY: \${{ secrets.DEPLOY_KEY }}\n`, 'name: deploy\non:\n  push:\n    branches: [main]\n'), errors: [{ messageId: 'missing', line: 2 }] },
    { name: 'pull_request_target without permissions', files: wf(`      - run: echo hi\n`, 'on: pull_request_target\n'), errors: [{ messageId: 'missing', line: 1 }] },
  ],
});
