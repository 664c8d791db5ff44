export const LANGUAGES = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json', 'yaml', 'sql', 'env', 'dockerfile', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = ['client', 'server', 'shared', 'config', 'test', 'build-output'] as const;
export type Role = (typeof ROLES)[number];

/** JS/TS family: parsed into an AST. */
export function isScript(language: Language): boolean {
  return language === 'ts' || language === 'tsx' || language === 'js' || language === 'jsx' || language === 'mjs' || language === 'cjs';
}

/** Scripts and JSON: where Parse Server and its dashboard are configured. */
export const SCRIPT_AND_JSON: readonly Language[] = LANGUAGES.filter((l) => isScript(l) || l === 'json');
