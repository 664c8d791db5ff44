import { isScript } from '../classify/types.js';
import type { SourceFile } from '../model/types.js';
import { parseDockerfile } from './dockerfile.js';
import { parseEnv } from './env.js';
import { looksLikeRtdbRules, parseRtdbRules } from '../firebase/rtdb-rules.js';
import { isSecurityRulesPath, parseSecurityRules } from '../firebase/rules-parser.js';
import { isDataConnectSource, parseDataConnect } from '../firebase/dataconnect.js';
import { parseScript } from './javascript.js';
import { bracketsBeyond, tooDeep } from './data-nesting.js';
import { MAX_NESTING, nestingBeyond } from './nesting.js';
import { parseJson, parseYaml } from './structured.js';
import type { Document } from 'yaml';
import type { ParseError, ScriptParser } from './types.js';

/** Parse a file once, by language, filling `ast`, `yaml`, `json` or `env`. Sets `parseError` instead of throwing. */
export function parseFile(file: SourceFile, parser?: ScriptParser): void {
  if (isScript(file.language)) {
    // Minified bundles are scanned as text only: parsing them is slow and no AST rule is meant for them.
    if (file.minified || file.role === 'build-output') return;
    const deep = nestingBeyond(file.text);
    if (deep) {
      file.parseError = { message: `code is nested more than ${MAX_NESTING} levels deep here, deeper than vibeaudit parses`, ...deep };
      return;
    }
    const { ast, error } = parseScript(file.text, file.language, file.path, parser, file.lineStarts);
    file.ast = ast;
    file.parseError = error;
  } else if (file.language === 'yaml') {
    // Parsed when first read: few rules read YAML (lockfiles, workspaces), and the parser is slow enough that a
    // rescan whose kept results stand would spend most of its time parsing YAML nobody reads.
    let parsed: { doc?: Document; error?: ParseError } | undefined;
    const get = () => (parsed ??= parseYaml(file.text));
    Object.defineProperties(file, {
      yaml: { enumerable: true, configurable: true, get: () => get().doc, set: (doc?: Document) => void (get().doc = doc) },
      parseError: { enumerable: true, configurable: true, get: () => get().error, set: (error?: ParseError) => void (get().error = error) },
    });
  } else if (file.language === 'json') {
    const { value, error } = parseJson(file.text);
    file.json = value;
    file.parseError = error;
    if (!error && looksLikeRtdbRules(file.path, file.text, value)) file.rtdbRules = parseRtdbRules(file.text);
  } else if (file.language === 'dockerfile') {
    file.dockerfile = parseDockerfile(file.text);
  } else if (file.language === 'env') {
    file.env = parseEnv(file.text);
  } else if (file.language === 'other' && isSecurityRulesPath(file.path)) {
    const deep = bracketsBeyond(file.text, { parens: true, slashComments: true, singleQuotes: true });
    if (deep) {
      file.parseError = tooDeep(deep);
      return;
    }
    const rules = parseSecurityRules(file.text);
    file.securityRules = rules;
    const first = rules.errors[0];
    if (first) file.parseError = { message: `Firebase security rules: ${first.message}`, line: first.line, column: first.column };
  } else if (file.language === 'other' && isDataConnectSource(file.path, file.text)) {
    const deep = bracketsBeyond(file.text, { parens: true, hashComments: true });
    if (deep) {
      file.parseError = tooDeep(deep);
      return;
    }
    const { doc, error } = parseDataConnect(file.text);
    file.graphql = doc;
    file.parseError = error;
  }
}
