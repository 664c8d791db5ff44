import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { SCRIPT_AND_JSON } from '../../classify/types.js';
import { calleePath, objectProperty, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';

type DashboardCall = TSESTree.CallExpression | TSESTree.NewExpression;

/** Passwords found in default configs, tutorials and breach top lists: the first ones anyone tries. */
const WEAK_PASSWORDS = new Set([
  'admin', 'password', 'pass', 'passwd', '123456', '1234567', '12345678', '123456789', '1234567890', '12345', '1234',
  'qwerty', 'letmein', 'changeme', 'secret', 'root', 'test', 'parse', 'dashboard', 'parse-dashboard', 'default',
  'welcome', 'password1', 'password123', 'admin123', 'admin1234', 'pass123', 'user', 'guest', 'master', 'abc123',
]);
/** Shorter than this, a password falls to online guessing against the dashboard's login form. */
const MIN_LENGTH = 10;

function isDashboardCall(node: DashboardCall, bindings: Set<string>): boolean {
  const path = calleePath(node);
  if (!path) return false;
  return path === 'ParseDashboard' || path.endsWith('.ParseDashboard') || bindings.has(path);
}

/** `require('parse-dashboard')`, the module's value under whatever name the file gives it. */
function isDashboardRequire(node: AstNode | null | undefined): boolean {
  return node?.type === 'CallExpression' && calleePath(node) === 'require' && staticString(node.arguments[0] as AstNode | undefined) === 'parse-dashboard';
}

const isTrue = (p: TSESTree.Property | undefined) => p?.value.type === 'Literal' && p.value.value === true;

/** Names a password must not be: the app names and ids of the dashboard's apps. */
function appNames(config: TSESTree.ObjectExpression): string[] {
  const apps = objectProperty(config, 'apps')?.value;
  if (apps?.type !== 'ArrayExpression') return [];
  const names: string[] = [];
  for (const app of apps.elements) {
    if (app?.type !== 'ObjectExpression') continue;
    for (const key of ['appName', 'appId', 'appNameForURL']) {
      const value = staticString(objectProperty(app, key)?.value as AstNode | undefined);
      if (value) names.push(value.toLowerCase());
    }
  }
  return names;
}

function isWeak(password: string, user: string | undefined, apps: string[]): boolean {
  const p = password.toLowerCase();
  if (WEAK_PASSWORDS.has(p) || p.length < MIN_LENGTH) return true;
  if (user && user.length >= 3 && p.includes(user.toLowerCase())) return true;
  return apps.some((a) => a.length >= 3 && p.includes(a));
}

function judgePassword(password: string, user: string | undefined, apps: string[], encrypted: boolean) {
  // With encryption on, a literal is a bcrypt hash; anything else simply fails to log in.
  if (encrypted) return undefined;
  const weak = isWeak(password, user, apps);
  return { messageId: weak ? ('weakPassword' as const) : ('plainPassword' as const), severity: weak ? ('critical' as const) : ('high' as const) };
}

/** The standalone dashboard's config file (`parse-dashboard-config.json`): apps with `appId` and `serverURL`. */
function dashboardConfigJson(value: unknown): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const config = value as Record<string, unknown>;
  const apps = config['apps'];
  if (!Array.isArray(apps) || apps.length === 0) return undefined;
  const isApp = (a: unknown) => !!a && typeof a === 'object' && 'appId' in a && 'serverURL' in a;
  return apps.every(isApp) ? config : undefined;
}

/**
 * `new ParseDashboard(config, options)` mounted in an Express app: the dashboard holds the master key, so
 * whoever opens it owns every object. Reported: `allowInsecureHTTP: true` and `dev: true` in the options (the
 * second argument), dashboard users with weak or default literal passwords, literal plain-text passwords
 * without `useEncryptedPasswords: true`, a config with no `users` at all (then only the "is the request from
 * localhost" check guards it, which a reverse proxy on the same machine defeats), and a literal
 * `cookieSessionSecret` (it signs the login cookie). Password and secret values are redacted from the finding.
 * Configs built elsewhere (a spread, a function call, an import) are not judged.
 */
export const parseDashboardInsecure = defineAstRule({
  id: 'parse-dashboard-insecure',
  messageIds: ['insecureHttp', 'devMode', 'weakPassword', 'plainPassword', 'noUsers', 'sessionSecretInCode'],
  appliesTo: { roles: ['server', 'shared', 'config'], languages: SCRIPT_AND_JSON, frameworks: ['parse'] },
  // The dashboard is called as `ParseDashboard` or by a name imported from 'parse-dashboard' (JSON configs have no AST, so no prefilter).
  triggers: ['ParseDashboard', 'parse-dashboard'],
  create({ report }) {
    const objects = new Map<string, TSESTree.ObjectExpression>();
    const calls: DashboardCall[] = [];
    const bindings = new Set<string>();
    const resolve = (arg: AstNode | undefined) => (arg?.type === 'ObjectExpression' ? arg : arg?.type === 'Identifier' ? objects.get(arg.name) : undefined);
    const check = (call: DashboardCall) => {
      const config = resolve(call.arguments[0] as AstNode | undefined);
      const options = resolve(call.arguments[1] as AstNode | undefined);
      const insecure = options && objectProperty(options, 'allowInsecureHTTP');
      if (isTrue(insecure)) report({ messageId: 'insecureHttp', node: insecure });
      const dev = options && objectProperty(options, 'dev');
      if (isTrue(dev)) report({ messageId: 'devMode', node: dev });
      // Newer versions also read the secret from the config; either place signs the login cookie.
      for (const holder of [options, config]) {
        const secretProp = holder && objectProperty(holder, 'cookieSessionSecret');
        const secret = staticString(secretProp?.value as AstNode | undefined);
        if (secretProp && secret) report({ messageId: 'sessionSecretInCode', node: secretProp, secrets: [secret] });
      }
      if (!config) return;

      const users = objectProperty(config, 'users');
      const hasSpread = config.properties.some((p) => p.type === 'SpreadElement');
      if (!users) {
        if (!hasSpread && !isTrue(dev)) report({ messageId: 'noUsers', node: call });
        return;
      }
      if (users.value.type !== 'ArrayExpression') return;
      const encrypted = isTrue(objectProperty(config, 'useEncryptedPasswords'));
      const apps = appNames(config);
      for (const entry of users.value.elements) {
        if (entry?.type !== 'ObjectExpression') continue;
        const passProp = objectProperty(entry, 'pass');
        const password = staticString(passProp?.value as AstNode | undefined);
        if (!passProp || password === undefined) continue;
        const user = staticString(objectProperty(entry, 'user')?.value as AstNode | undefined);
        const data = { user: user ?? '(unnamed user)' };
        const verdict = judgePassword(password, user, apps, encrypted);
        if (verdict) report({ ...verdict, data, node: passProp, secrets: password ? [password] : [] });
      }
    };
    return {
      ImportDeclaration(node) {
        if (node.source.value !== 'parse-dashboard') return;
        for (const spec of node.specifiers) if (spec.type !== 'ImportNamespaceSpecifier') bindings.add(spec.local.name);
      },
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier') return;
        if (node.init?.type === 'ObjectExpression') objects.set(node.id.name, node.init);
        if (isDashboardRequire(node.init as AstNode | null)) bindings.add(node.id.name);
      },
      NewExpression(node) {
        if (isDashboardCall(node, bindings)) calls.push(node);
      },
      CallExpression(node) {
        if (isDashboardCall(node, bindings)) calls.push(node);
      },
      'Program:exit'() {
        // Checked at the end: the config object may be declared below the dashboard.
        for (const call of calls) check(call);
      },
    };
  },
  checkWithoutAst({ file, report }) {
    const config = file.language === 'json' ? dashboardConfigJson(file.json) : undefined;
    if (!config) return;
    const apps = (config['apps'] as Record<string, unknown>[]).flatMap((a) => [a['appName'], a['appId'], a['appNameForURL']]).filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase());
    const users = config['users'];
    if (users === undefined) {
      const at = file.text.indexOf('"apps"');
      report({ messageId: 'noUsers', offsets: { start: Math.max(at, 0), end: Math.max(at, 0) + 6 } });
      return;
    }
    if (!Array.isArray(users)) return;
    const encrypted = config['useEncryptedPasswords'] === true;
    let from = 0;
    for (const entry of users) {
      if (!entry || typeof entry !== 'object') continue;
      const { user, pass } = entry as Record<string, unknown>;
      if (typeof pass !== 'string') continue;
      const m = new RegExp(`"pass"\\s*:\\s*${escapeRegExp(JSON.stringify(pass))}`).exec(file.text.slice(from));
      const start = m ? from + m.index : 0;
      if (m) from = start + m[0].length;
      const name = typeof user === 'string' ? user : undefined;
      const verdict = judgePassword(pass, name, apps, encrypted);
      if (verdict) report({ ...verdict, data: { user: name ?? '(unnamed user)' }, offsets: { start, end: start + (m?.[0].length ?? 1) }, secrets: pass ? [pass] : [] });
    }
  },
});

