import type { ScanResult } from '../engine/result.js';
import { renderCompact } from './compact.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTerminal } from './terminal.js';

export type ReportFormat = 'terminal' | 'sarif' | 'markdown' | 'json' | 'compact';

/** Options any reporter may receive; each reads only what concerns it. */
export interface ReporterOptions {
  /** terminal: ANSI colours (decided by the CLI from the TTY / NO_COLOR / --color). */
  color?: boolean;
  /** terminal: list suppressed findings and every notification. */
  verbose?: boolean;
  /** sarif: `runAutomationDetails.id`, GitHub's analysis category. */
  category?: string;
}

export type Reporter = (result: ScanResult, options?: ReporterOptions) => string;

export const REPORTERS: Record<ReportFormat, Reporter> = {
  terminal: (result, options = {}) => renderTerminal(result, { color: options.color ?? false, verbose: options.verbose }),
  sarif: (result, options = {}) => renderSarif(result, { category: options.category }),
  markdown: (result) => renderMarkdown(result),
  json: (result) => renderJson(result),
  compact: (result) => renderCompact(result),
};

export { renderJson, type JsonReport, type JsonFinding } from './json.js';
export { renderMarkdown } from './markdown.js';
export { renderCompact } from './compact.js';
export { renderSarif, buildSarifLog } from './sarif.js';
export { renderTerminal, type TerminalOptions } from './terminal.js';
export { buildFixPrompt } from './fix-prompt.js';
