import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { envVarRead, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule, type FileContext, type Listeners } from '../../engine/rule.js';
import { ALL_PUBLIC_ENV_PREFIXES } from '../../frameworks/index.js';
import { viteExtraPrefixes } from '../../model/bundler-config.js';
import type { AstNode } from '../../parse/types.js';
import { destructuredEnvReads } from './client-code.js';
import { secretEnvName } from './env-names.js';
import { publicPrefixOf, publicSecretEnv } from './public-env.js';
import { isPlaceholderValue, secretValueKind } from './secret-values.js';

type MessageId = 'publicEnvDefined' | 'publicEnvValue' | 'publicEnvRead' | 'publicEnvReadOnServer';

const SVELTEKIT_PUBLIC = /^\$env\/(?:static|dynamic)\/public$/;

/**
 * A variable with a public prefix (`NEXT_PUBLIC_`, `VITE_`, …) is copied into browser JavaScript by the bundler.
 * Reported where it is defined (`.env*` files: by name, or by a secret-format value) and where code reads it.
 * Code is checked in the shared traversal; `.env` files, which have no syntax tree, by `checkWithoutAst`.
 */
export const secretInPublicEnv = defineAstRule({
  id: 'secret-in-public-env',
  messageIds: ['publicEnvDefined', 'publicEnvValue', 'publicEnvRead', 'publicEnvReadOnServer'],
  create(ctx) {
    if (ctx.file.role === 'test' || ctx.file.role === 'build-output') return {};
    return codeListeners(ctx);
  },
  checkWithoutAst(ctx) {
    if (ctx.file.role === 'test' || ctx.file.role === 'build-output' || !ctx.file.env) return;
    checkEnvFile(ctx);
  },
});

function checkEnvFile({ file, model, report }: FileContext<MessageId>): void {
  for (const entry of file.env ?? []) {
    const prefix = publicPrefixOf(entry.name, file.package, model);
    if (!prefix) continue;
    const valueKind = entry.value ? secretValueKind(entry.value, entry.name) : undefined;
    const byName = secretEnvName(entry.name);
    if (!valueKind && !byName) continue;
    const lineStart = file.lineStarts[entry.line - 1] ?? 0;
    const start = lineStart + Math.max(0, file.text.slice(lineStart, entry.valueOffset).indexOf(entry.name));
    const offsets = { start, end: Math.max(entry.valueOffset + entry.value.length, start + entry.name.length) };
    const secrets = entry.value.length >= 4 ? [entry.value] : [];
    const data = { name: entry.name, file: file.path, prefix: prefix.prefix, by: prefix.by };
    if (valueKind) {
      report({ messageId: 'publicEnvValue', data: { ...data, what: valueKind }, offsets, secrets, severity: 'critical', confidence: 'high' });
    } else {
      const real = entry.value !== '' && !isPlaceholderValue(entry.value);
      report({ messageId: 'publicEnvDefined', data: { ...data, what: byName!.what }, offsets, secrets, severity: real ? 'critical' : 'high', confidence: byName!.confidence });
    }
  }
}

function codeListeners({ file, model, report }: FileContext<MessageId>): Listeners {
  const text = file.text;
  // Every read reported names `env` (`process.env`, `import.meta.env`, `$env/…`) and a public prefix; the prefixes
  // Vite config adds are asked last, so files that read no env variable do not depend on them.
  if (!text.includes('env')) return {};
  if (!ALL_PUBLIC_ENV_PREFIXES.some((p) => text.includes(p)) && !viteExtraPrefixes(model, file.package?.dir ?? '').some((e) => text.includes(e.prefix))) return {};
  const seen = new Set<string>();
  const dynamicPublic = new Set<string>();

  const found = (name: string | undefined, node: AstNode) => {
    if (!name || seen.has(name)) return;
    const secret = publicSecretEnv(name, file, model);
    if (!secret) return;
    seen.add(name);
    report({
      messageId: file.role === 'server' ? 'publicEnvReadOnServer' : 'publicEnvRead',
      data: { name, file: file.path, prefix: secret.prefix, by: secret.by, what: secret.what },
      node,
      confidence: secret.confidence,
      // On a server the read itself ships nothing; the prefix still marks the value for any browser bundle that reads it.
      severity: file.role === 'server' ? 'medium' : 'high',
    });
  };

  return {
    MemberExpression(m) {
      const name = envVarRead(m);
      if (name) return found(name, m);
      // SvelteKit: import { env } from '$env/dynamic/public'; env.PUBLIC_X
      if (m.object.type === 'Identifier' && dynamicPublic.has(m.object.name)) found(propertyName(m), m);
    },
    CallExpression(n) {
      const name = envVarRead(n);
      if (name) found(name, n);
    },
    VariableDeclarator(n) {
      // const { NEXT_PUBLIC_X } = process.env
      for (const read of destructuredEnvReads(n)) found(read.name, read.node);
    },
    ImportDeclaration(d) {
      if (!SVELTEKIT_PUBLIC.test(d.source.value)) return;
      for (const s of d.specifiers) {
        if (s.type !== 'ImportSpecifier') continue;
        const imported = staticString(s.imported as AstNode) ?? (s.imported as TSESTree.Identifier).name;
        if (imported === 'env') dynamicPublic.add(s.local.name);
        else found(imported, s);
      }
    },
  };
}
