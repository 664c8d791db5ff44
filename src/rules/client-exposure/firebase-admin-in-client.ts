import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, envVarRead, objectProperty, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { defineProjectFact } from '../../model/facts.js';
import type { ProjectModel, SourceFile } from '../../model/types.js';
import type { AstNode } from '../../parse/types.js';
import { clientFileFacts, destructuredEnvReads, inServerCode, requiredModule, roleData, unwrap, type ClientFileFacts } from './client-code.js';
import { isReportedPublicSecretRead, publicSecretEnv } from './public-env.js';

const ADMIN_MODULE = /^firebase-admin(?:\/|$)/;
const SERVICE_ACCOUNT_FILE = /service[-_]?account|adminsdk|firebase[-_]admin/i;
const SERVICE_ACCOUNT_ENV = /SERVICE_?ACCOUNT(?!_?(?:EMAIL|ID)$)|FIREBASE_(?:ADMIN_)?PRIVATE_KEY|FIREBASE_ADMIN_(?:SDK|CREDENTIALS?|KEY)|GOOGLE_APPLICATION_CREDENTIALS/i;

/**
 * The project file a relative (or `@/`, `~/`, `/`) import of a JSON file names. A project fact depended on by its
 * answer, as import targets are (src/dataflow/modules.ts): adding or removing that file redoes the importer.
 */
const jsonImport = defineProjectFact(
  'json import target',
  (model, arg) => {
    const at = arg.indexOf('\0');
    const from = model.fileByPath.get(arg.slice(0, at));
    const spec = arg.slice(at + 1);
    if (!from) return undefined;
    const dir = from.path.includes('/') ? from.path.slice(0, from.path.lastIndexOf('/')) : '';
    const pkgDir = from.package?.dir ?? '';
    const candidates: string[] = [];
    if (spec.startsWith('.')) candidates.push(join(dir, spec));
    else if (/^[@~]\//.test(spec)) candidates.push(join(pkgDir, `src/${spec.slice(2)}`), join(pkgDir, spec.slice(2)));
    else if (spec.startsWith('/')) candidates.push(join(pkgDir, spec.slice(1)));
    return candidates.find((c) => model.fileByPath.has(c));
  },
  { digest: (path) => path ?? '', kept: false, fromPaths: true },
);

/**
 * Whether the JSON file at `path` holds a service account key: a fact, as not every JSON file's content is part
 * of what kept results depend on (manifests are not).
 */
const serviceAccountAt = defineProjectFact('service account json', (model, path) => isServiceAccountJson(model.fileByPath.get(path)?.json), {
  digest: (yes) => (yes ? 'yes' : 'no'),
});

function resolveJson(from: SourceFile, spec: string, model: ProjectModel): SourceFile | undefined {
  const path = jsonImport(model, `${from.path}\0${spec}`);
  return path === undefined ? undefined : model.fileByPath.get(path);
}

function join(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function isServiceAccountJson(json: unknown): boolean {
  return !!json && typeof json === 'object' && (json as Record<string, unknown>).type === 'service_account' && typeof (json as Record<string, unknown>).private_key === 'string';
}

export const firebaseAdminInClient = defineAstRule({
  id: 'firebase-admin-in-client',
  messageIds: ['adminSdkImport', 'serviceAccountImport', 'serviceAccountInline', 'adminCredential', 'serviceAccountEnv'],
  appliesTo: { roles: ['client'] },
  // An import of firebase-admin or of a `.json` file (matched case-insensitively), `credential.cert`, an env
  // read, or an inline `type: 'service_account'` object.
  triggers: ['firebase-admin', 'credential', 'env', 'service_account', /\.json/i],
  create({ file, model, report }) {
    let facts: ClientFileFacts | undefined;
    let reportedImport = false;
    const certCalls: TSESTree.CallExpression[] = [];
    const envReads: { node: AstNode; name: string }[] = [];
    const where = roleData(file);

    const moduleUse = (source: string | undefined, node: AstNode) => {
      if (!facts || !source || inServerCode(node, facts)) return;
      if (ADMIN_MODULE.test(source)) {
        if (reportedImport) return;
        reportedImport = true;
        report({ messageId: 'adminSdkImport', data: { ...where, module: source }, node });
        return;
      }
      if (!/\.json$/i.test(source)) return;
      const target = resolveJson(file, source, model);
      const isKey = target ? serviceAccountAt(model, target.path) : SERVICE_ACCOUNT_FILE.test(source.slice(source.lastIndexOf('/') + 1));
      if (isKey) report({ messageId: 'serviceAccountImport', data: { ...where, json: target?.path ?? source }, node });
    };

    return {
      Program(node) {
        facts = clientFileFacts(node);
      },
      ImportDeclaration(node) {
        if (node.importKind === 'type') return;
        if (node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type')) return;
        moduleUse(node.source.value, node);
      },
      ImportExpression(node) {
        moduleUse(staticString(node.source as AstNode), node);
      },
      CallExpression(node) {
        if (!facts) return;
        const required = requiredModule(node);
        if (required && node.callee.type === 'Identifier') moduleUse(required, node);
        const path = calleePath(node);
        if (path && (/(^|\.)credential\.cert$/.test(path) || (path === 'cert' && facts.imports.get('cert')?.source.startsWith('firebase-admin')))) certCalls.push(node);
        if (path === 'Deno.env.get') envRead(node);
      },
      MemberExpression(node) {
        envRead(node);
      },
      VariableDeclarator(node) {
        for (const read of destructuredEnvReads(node)) envRead(read.node, read.name);
      },
      ObjectExpression(node) {
        if (!facts) return;
        const type = objectProperty(node, 'type');
        if (!type || staticString(unwrap(type.value as AstNode)) !== 'service_account') return;
        const key = objectProperty(node, 'private_key') ?? objectProperty(node, 'privateKey');
        if (!key || inServerCode(node, facts)) return;
        const value = staticString(unwrap(key.value as AstNode));
        report({ messageId: 'serviceAccountInline', data: where, node: type, secrets: value ? [value] : [] });
      },
      'Program:exit'() {
        // The Admin SDK import is the root cause; its credentials in the same file are part of the same finding.
        if (!facts || reportedImport) return;
        // Without the import in this file (the SDK came in through another module), the credential call says it.
        const call = certCalls.find((c) => !inServerCode(c, facts!));
        if (call) report({ messageId: 'adminCredential', data: { ...where, call: `${calleePath(call)}(…)` }, node: call });
        for (const read of envReads) {
          if (call && read.node.range[0] >= call.range[0] && read.node.range[1] <= call.range[1]) continue;
          report({ messageId: 'serviceAccountEnv', data: { ...where, name: read.name }, node: read.node });
        }
      },
    };

    function envRead(node: AstNode, destructured?: string) {
      if (!facts) return;
      const name = destructured ?? envVarRead(node);
      if (!name || !SERVICE_ACCOUNT_ENV.test(name) || inServerCode(node, facts)) return;
      if (destructured ? publicSecretEnv(name, file, model) : isReportedPublicSecretRead(node, file, model)) return;
      envReads.push({ node, name });
    }
  },
});
