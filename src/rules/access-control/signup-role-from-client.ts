import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { ROLE_KEY } from '../../routes/touches.js';
import { walk } from './ast-helpers.js';

/** Schemas and DTOs by name: what validates a sign-up or registration form. */
const SIGN_UP_NAME = /^(?:register|registration|signup|signUp|sign_up|userRegistration|userSignup|userSignUp|createAccount|newAccount)\w*$/i;
/** Keys that grant privileges (`ROLE_KEY`), those among them that are a yes-or-no admin flag, and those a free string may make `admin`. */
const FLAG_KEY = /^(?:isAdmin|is_admin|admin|isSuperuser|is_superuser|isSuperAdmin|isStaff|is_staff)$/;
const ROLE_NAME_KEY = /^(?:role|roles|userRole|user_role)$/;
/** Roles no one should give themselves. */
const ADMIN_VALUE = /^(?:admin|administrator|super_?admin|superuser|root|staff|moderator)$/i;
/** Builders of an object schema: zod `z.object`, Joi `Joi.object` / `.keys`, yup `yup.object` / `.shape`, valibot `v.object`, TypeBox `Type.Object`. */
const OBJECT_BUILDER = /^(?:object|Object|strictObject|looseObject|keys|shape|extend)$/;

type Allows = { value: string; listed: boolean };

/**
 * A sign-up schema (zod, Joi, yup, valibot) or DTO class (class-validator) that lets the client pick a privileged
 * role: `role: z.enum(['user', 'admin'])`, `isAdmin: z.boolean()`, `@IsIn(['user', 'admin']) role`, a free `role`
 * string. Whatever passes the schema is what the handler stores, so anyone can sign up as an admin.
 */
export const signupRoleFromClient = defineAstRule({
  id: 'signup-role-from-client',
  messageIds: ['schemaAllowsRole'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/\b(?:role|roles|userRole|user_role|isAdmin|is_admin|admin|isSuperuser|is_superuser|isSuperAdmin|isStaff|is_staff)\b/],
  create({ report, file }) {
    const text = file.text;
    const enums = new Map<string, AstNode>();
    const found: { schema: string; key: string; node: AstNode; value: AstNode; decorators?: TSESTree.Decorator[] }[] = [];
    return {
      TSEnumDeclaration(node) {
        enums.set(node.id.name, node as AstNode);
      },
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier' || !node.init) return;
        if (node.init.type !== 'CallExpression' || !SIGN_UP_NAME.test(node.id.name)) {
          // `const Role = { ADMIN: 'admin', USER: 'user' } as const`, `const ROLES = ['user', 'admin']`: an enum written as a value.
          const value = node.init.type === 'TSAsExpression' ? node.init.expression : node.init;
          if (value.type === 'ObjectExpression' || value.type === 'ArrayExpression') enums.set(node.id.name, value as AstNode);
          return;
        }
        const schema = node.id.name;
        // Nested shapes too: `z.object({ body: z.object({ …, role }) })` for a validation middleware.
        const visit = (init: AstNode, depth: number) => {
          for (const shape of objectShapes(init)) {
            for (const p of shape.properties) {
              if (p.type !== 'Property') continue;
              const key = propertyName(p);
              if (key && ROLE_KEY.test(key)) found.push({ schema, key, node: p as AstNode, value: p.value as AstNode });
              else if (depth < 3) visit(p.value as AstNode, depth + 1);
            }
          }
        };
        visit(node.init as AstNode, 0);
      },
      ClassDeclaration(node) {
        if (!node.id || !SIGN_UP_NAME.test(node.id.name)) return;
        for (const member of node.body.body) {
          if (member.type !== 'PropertyDefinition') continue;
          const key = propertyName(member);
          if (key && ROLE_KEY.test(key) && member.decorators?.length) found.push({ schema: node.id.name, key, node: member as AstNode, value: member as AstNode, decorators: member.decorators });
        }
      },
      'Program:exit'() {
        for (const f of found) {
          const allows = f.decorators ? decoratorAllows(f.decorators, f.key, text, enums) : schemaAllows(f.value, f.key, text, enums);
          if (!allows) continue;
          report({
            messageId: 'schemaAllowsRole',
            node: f.node,
            data: { schema: f.schema, key: f.key, value: allows.listed ? `\`${allows.value}\`` : allows.value },
            ...(allows.listed ? {} : { confidence: 'low' }),
          });
        }
      },
    };
  },
});

/** The object literals a schema is built from, along its chain: `z.object({…}).strict()`, `Base.extend({…})`. */
function objectShapes(init: AstNode): TSESTree.ObjectExpression[] {
  const out: TSESTree.ObjectExpression[] = [];
  for (let cur: AstNode | undefined = init; cur; ) {
    if (cur.type === 'CallExpression') {
      const callee = cur.callee as AstNode;
      const name = callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
      const arg = cur.arguments[0];
      if (name && OBJECT_BUILDER.test(name) && arg?.type === 'ObjectExpression') out.push(arg);
      cur = callee.type === 'MemberExpression' ? (callee.object as AstNode) : undefined;
    } else if (cur.type === 'MemberExpression') cur = cur.object as AstNode;
    else break;
  }
  return out;
}

/** What a schema value lets through for a role key: an admin value it lists, any string, or `true` for a flag. */
function schemaAllows(value: AstNode, key: string, text: string, enums: ReadonlyMap<string, AstNode>): Allows | undefined {
  const source = text.slice(value.range[0], value.range[1]);
  const listed = adminValueIn(value) ?? enumAdminValue(source, enums);
  if (listed) return { value: listed, listed: true };
  if (FLAG_KEY.test(key)) return /\bboolean\s*\(/i.test(source) ? { value: 'true', listed: true } : undefined;
  // A free string: nothing limits it (no enum, list, literal or pattern), so `admin` passes too.
  if (ROLE_NAME_KEY.test(key) && /^[\w$.]+\.string\(\s*\)(?:\s*\.\s*(?:optional|nullable|nullish|trim|toLowerCase|min|max|required|default)\([^()]*\))*$/.test(source.replace(/\s+/g, ' ').trim()) && !/default\(/.test(source)) {
    return { value: 'any role, `admin` included', listed: false };
  }
  return undefined;
}

/** class-validator: `@IsIn(['user', 'admin'])`, `@IsEnum(Role)` with an admin member, `@IsBoolean()` on a flag, `@IsString()` alone. */
function decoratorAllows(decorators: TSESTree.Decorator[], key: string, text: string, enums: ReadonlyMap<string, AstNode>): Allows | undefined {
  const names = decorators.map((d) => (d.expression.type === 'CallExpression' && d.expression.callee.type === 'Identifier' ? d.expression.callee.name : ''));
  for (const d of decorators) {
    const listed = adminValueIn(d.expression as AstNode) ?? enumAdminValue(text.slice(d.range[0], d.range[1]), enums);
    if (listed) return { value: listed, listed: true };
  }
  if (FLAG_KEY.test(key) && names.includes('IsBoolean')) return { value: 'true', listed: true };
  if (ROLE_NAME_KEY.test(key) && names.includes('IsString') && !names.some((n) => /^(?:IsIn|IsEnum|Equals|Matches)$/.test(n))) return { value: 'any role, `admin` included', listed: false };
  return undefined;
}

/** An admin value written in the schema itself: `z.enum(['user', 'admin'])`, `.valid('admin')`, `@IsIn([...])`. */
function adminValueIn(node: AstNode): string | undefined {
  let hit: string | undefined;
  walk(node, (n) => {
    if (hit) return false;
    const s = n.type === 'Literal' || n.type === 'TemplateLiteral' ? staticString(n) : undefined;
    if (s !== undefined && ADMIN_VALUE.test(s)) hit = s;
    return undefined;
  });
  return hit;
}

/** `z.nativeEnum(Role)`, `z.enum(ROLES)`, `@IsEnum(UserRole)`: the enum (or const object or array) in this file, when it has an admin member. */
function enumAdminValue(source: string, enums: ReadonlyMap<string, AstNode>): string | undefined {
  const m = /\b(?:nativeEnum|enum|IsEnum|valid|oneOf|picklist)\s*\(\s*(?:Object\.values\(\s*)?([A-Za-z_$][\w$]*)\s*(?:\)\s*)?\)/.exec(source);
  const decl = m ? enums.get(m[1]) : undefined;
  if (!decl) return undefined;
  // Each enum is read once, however many schemas name it.
  if (enumValues.has(decl)) return enumValues.get(decl);
  const hit = adminMember(decl);
  enumValues.set(decl, hit);
  return hit;
}

const enumValues = new WeakMap<AstNode, string | undefined>();

/** The admin member of an enum, a const object or an array: by its value, or by its name when it has none. */
function adminMember(decl: AstNode): string | undefined {
  let hit: string | undefined;
  walk(decl, (n) => {
    if (hit) return false;
    if (n.type === 'TSEnumMember') {
      const name = n.id.type === 'Identifier' ? n.id.name : staticString(n.id as AstNode);
      const value = n.initializer ? staticString(n.initializer as AstNode) : undefined;
      if ((value && ADMIN_VALUE.test(value)) || (name && ADMIN_VALUE.test(name))) hit = value ?? name;
      return false;
    }
    const s = n.type === 'Literal' ? staticString(n) : undefined;
    if (s !== undefined && ADMIN_VALUE.test(s)) hit = s;
    return undefined;
  });
  return hit;
}
