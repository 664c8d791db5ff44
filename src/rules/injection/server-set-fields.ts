import { isScript } from '../../classify/types.js';
import type { TaintFlow } from '../../dataflow/index.js';
import { defineFileFact } from '../../model/facts.js';
import type { ProjectModel } from '../../model/types.js';
import { BODY_FIELD } from '../../routes/filters.js';

/**
 * Request body fields that an auth middleware of the project fills from the verified token
 * (`req.body.userId = token_decode.id` after `jwt.verify`), the way a much-copied MERN tutorial passes the caller's
 * id on. A handler behind it reads the server's value there, not the client's. (Route facts record the same per route,
 * `FunctionFacts.setsBody`; taint rules do not read route facts, so the middleware is read here by its text, for every
 * route: a route that skips the middleware and reads such a field is the rarer mistake, and route-without-auth's.)
 */
const ASSIGNED_FROM_TOKEN = /\breq\.body\.([A-Za-z_$][\w$]*)\s*=(?!=)\s*([A-Za-z_$][\w$]*)\.[\w$.]+/g;

const serverSetBodyFields = defineFileFact(
  'request body fields set by middleware',
  (f): string[] | undefined => {
    if (!isScript(f.language) || f.role === 'test' || !f.text.includes('req.body.') || !/\bverify\w*\s*\(/.test(f.text)) return undefined;
    const names = [...f.text.matchAll(ASSIGNED_FROM_TOKEN)].filter((m) => m[2] !== 'req' && m[2] !== 'request').map((m) => m[1]);
    return names.length ? [...new Set(names)] : undefined;
  },
  (parts) => [...new Set(parts.flatMap(([, names]) => names))].sort(),
);

/** A flow whose source is a request body field an auth middleware of the project sets from the token. */
export function fromServerSetField(flow: TaintFlow, model: ProjectModel): boolean {
  const field = BODY_FIELD.exec(flow.source.label)?.[1];
  return field !== undefined && serverSetBodyFields(model).includes(field);
}
