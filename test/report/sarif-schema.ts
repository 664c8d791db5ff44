import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';

// A CommonJS package: its class is both the module and its `default` property.
const Ajv = AjvDraft04.default;

/** The official SARIF 2.1.0 schema, kept outside the repository (../shared/schemas from the repo root). */
const SCHEMA_URL = new URL('../../../shared/schemas/sarif-schema-2.1.0.json', import.meta.url);

// RFC 3986 characters; `%` only as a percent-encoding. Enough to catch unencoded spaces, `|`, `<`, `[`.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;
const isUriReference = (s: string) => URI_CHARS.test(s);
const isUri = (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URI_CHARS.test(s);
const isDateTime = (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s);

let validate: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (!validate) {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, formats: { uri: isUri, 'uri-reference': isUriReference, 'date-time': isDateTime } });
    validate = ajv.compile(schema);
  }
  return validate;
}

export function sarifErrors(log: unknown): string[] {
  const v = sarifValidator();
  if (v(log)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
