/** Where each rule is documented; SARIF helpUri, markdown and JSON link here. */
export const RULE_DOCS_URL = 'https://github.com/vibeaudit/vibeaudit/blob/main/docs/rules.md';

export function ruleHelpUri(ruleId: string): string {
  return `${RULE_DOCS_URL}#${ruleId}`;
}
