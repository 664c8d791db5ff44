import type { RuleDoc, RuleMeta } from '../engine/catalogue-types.js';

const FAMILY_TITLES: Record<string, string> = {
  secrets: 'Hard-coded secrets',
  'client-exposure': 'Keys and secrets in client code',
  dependencies: 'Dependencies and the supply chain',
  injection: 'Injection',
  'access-control': 'Access control',
  readiness: 'Production readiness',
  pipeline: 'CI workflows, containers and suppressions',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The rule table for the README, generated from rules/*.yaml so docs cannot drift from behaviour. */
export function rulesTable(metas: readonly RuleMeta[]): string {
  const out: string[] = [];
  for (const family of Object.keys(FAMILY_TITLES)) {
    const rules = metas.filter((m) => m.family === family);
    if (rules.length === 0) continue;
    out.push(`### ${FAMILY_TITLES[family]}`, '', '| Rule | Severity | What it finds | CWE | OWASP |', '|---|---|---|---|---|');
    for (const m of rules) {
      const owasp = [...m.owasp, ...m.owaspApi].join(', ') || '—';
      const status = m.status === 'stable' ? '' : ` (${m.status})`;
      out.push(`| [\`${m.id}\`](docs/rules.md#${m.id})${status} | ${m.severity} | ${cell(m.title)} | ${m.cwe.join(', ')} | ${owasp} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}

/** Full documentation of one rule: what `vibeaudit explain` prints and docs/rules.md holds. */
export function ruleDoc(m: RuleDoc, headingLevel = 2): string {
  const h = '#'.repeat(headingLevel);
  const lines = [
    `${h} ${m.id}`,
    '',
    `**${m.title}**`,
    '',
    `Severity: ${m.severity} · Confidence: ${m.confidence} · Family: ${m.family}${m.status !== 'stable' ? ` · Status: ${m.status}` : ''}`,
    `CWE: ${m.cwe.join(', ')}${m.owasp.length ? ` · OWASP Top 10: ${m.owasp.join(', ')}` : ''}${m.owaspApi.length ? ` · OWASP API Top 10: ${m.owaspApi.join(', ')}` : ''}`,
    '',
    `${h}# Why it matters`,
    '',
    m.description.trim(),
    '',
    `${h}# How to fix`,
    '',
    m.fix.trim(),
    '',
  ];
  const example = (title: string, ex: RuleDoc['examples']['bad'][number]) => {
    lines.push(`${h}# ${title}`, '');
    if (ex.note) lines.push(ex.note, '');
    for (const [file, code] of Object.entries(ex.files)) {
      lines.push(`\`${file}\``, '', '```' + fenceLanguage(file), code.trimEnd(), '```', '');
    }
  };
  if (m.examples.bad[0]) example('Flagged', m.examples.bad[0]);
  if (m.examples.good[0]) example('Not flagged', m.examples.good[0]);
  lines.push(`${h}# References`, '', ...m.references.map((r) => `- ${r}`), '');
  return lines.join('\n');
}

export function rulesDocument(metas: readonly RuleDoc[]): string {
  return [
    '# vibeaudit rules',
    '',
    '<!-- Generated from rules/*.yaml by `npm run docs`. Do not edit by hand. -->',
    '',
    rulesTable(metas).replace(/\(docs\/rules\.md#/g, '(#'),
    ...metas.map((m) => ruleDoc(m)),
  ].join('\n');
}

function fenceLanguage(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  if (['ts', 'tsx', 'js', 'jsx', 'json', 'yaml', 'yml', 'sql'].includes(ext)) return ext;
  if (file.includes('.env')) return 'sh';
  return '';
}
