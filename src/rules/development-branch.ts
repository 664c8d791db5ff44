import type { AstNode } from '../parse/types.js';

/**
 * Whether code runs only on a developer's machine, by the `if`, `? :` or `&&` around it that tests the environment:
 * `if (process.env.NODE_ENV !== 'production') { … }`, the `else` of `NODE_ENV === 'production'`, `isDev ? … : …`,
 * `isDev && …`.
 * A branch that may run in production (`NODE_ENV === 'production' ? { rejectUnauthorized: false } : …`, or one of
 * `development || production_self`) is not, whatever is around it.
 */
export function developmentOnly(node: AstNode, text: string, stop?: AstNode): boolean {
  let child: AstNode = node;
  for (let cur = node.parent; cur && cur !== stop; child = cur, cur = cur.parent) {
    if (cur.type === 'Program') return false;
    // `isDev && { stack: err.stack }`, `process.env.NODE_ENV === 'development' && console.log(key)`: the right side runs
    // only where the left holds.
    if (cur.type === 'LogicalExpression' && cur.operator === '&&' && child === cur.right) {
      const env = environmentOf(text.slice(cur.left.range[0], cur.left.range[1]), true);
      if (env) return env === 'development';
      continue;
    }
    if (cur.type !== 'IfStatement' && cur.type !== 'ConditionalExpression') continue;
    const test = text.slice(cur.test.range[0], cur.test.range[1]);
    // In the test itself: a condition that holds in development only (`NODE_ENV === 'development' && code === '0000'`).
    if (child === cur.test) {
      if (cur.test.type === 'LogicalExpression' && cur.test.operator === '&&' && environmentOf(test, true) === 'development') return true;
      continue;
    }
    const env = environmentOf(test, child === cur.consequent);
    if (env) return env === 'development';
  }
  return false;
}

/** What a test of the environment says of one of its branches; undefined when it says nothing of the environment. */
function environmentOf(test: string, consequent: boolean): 'development' | 'production' | undefined {
  const production = PRODUCTION_IS.test(test);
  const notProduction = PRODUCTION_IS_NOT.test(test);
  const development = DEVELOPMENT_IS.test(test);
  const notDevelopment = DEVELOPMENT_IS_NOT.test(test);
  if (!production && !notProduction && !development && !notDevelopment) return undefined;
  if (consequent) return production || notDevelopment ? 'production' : 'development';
  // The other branch: of "is production", it is not; of anything else, it may be.
  return production && !notProduction && !development ? 'development' : 'production';
}

const ENV = String.raw`(?:NODE_ENV|VERCEL_ENV|APP_ENV|ENVIRONMENT|ENV|MODE|env|mode)`;
const PRODUCTION_IS = new RegExp(String.raw`${ENV}\s*===?\s*['"\`]prod\w*|['"\`]prod\w*['"\`]\s*===?\s*[\w.]*${ENV}|(?<![!\w])(?:isProd|isProduction|IS_PROD|IS_PRODUCTION|import\.meta\.env\.PROD)\b(?!\s*[!=]==?)`);
const PRODUCTION_IS_NOT = new RegExp(String.raw`${ENV}\s*!==?\s*['"\`]prod\w*|['"\`]prod\w*['"\`]\s*!==?\s*[\w.]*${ENV}|!\s*(?:isProd|isProduction|IS_PROD|IS_PRODUCTION|import\.meta\.env\.PROD)\b`);
const DEVELOPMENT_IS = new RegExp(String.raw`${ENV}\s*===?\s*['"\`](?:dev\w*|local|test)['"\`]|['"\`](?:dev\w*|local|test)['"\`]\s*===?\s*[\w.]*${ENV}|(?<![!\w])(?:isDev\w*|isLocal\w*|isTest\w*|IS_DEV|DEBUG|import\.meta\.env\.DEV|__DEV__)\b(?!\s*[!=]==?)`);
const DEVELOPMENT_IS_NOT = new RegExp(String.raw`${ENV}\s*!==?\s*['"\`](?:dev\w*|local)['"\`]|!\s*(?:isDev\w*|isLocal\w*|isTest\w*|IS_DEV|DEBUG|import\.meta\.env\.DEV|__DEV__)\b`);
