import type { FlowStep } from '../engine/finding.js';
import { truncate } from './text.js';

/** Steps a one-line trail shows; a longer path keeps both ends and cuts its middle to `…`. */
export const MAX_TRAIL_STEPS = 5;
/** Steps kept at each end of a cut trail. */
const TRAIL_END_STEPS = 2;
const MAX_LABEL = 40;

/** `file:line` of a step. */
export function stepLocation(step: FlowStep): string {
  return `${step.file}:${step.range.startLine}`;
}

/**
 * The short name of a step in a trail: the first code span of its message (`req.body.id`, `findUser(id)`),
 * which names the thing; a message without one is used whole, shortened.
 */
export function stepLabel(step: FlowStep): string {
  const message = step.message.replace(/\s+/g, ' ').trim();
  const span = firstCodeSpan(message)?.trim();
  return truncate(span || message, MAX_LABEL);
}

/**
 * The path on one line: `req.body.id (routes/users.ts:12) → findUser(id) → pool.query (db.ts:8)`.
 * Both ends show where they are; a middle step shows it only when it moves to another file.
 */
export function flowTrail(flow: readonly FlowStep[]): string {
  const shown: (FlowStep | undefined)[] =
    flow.length <= MAX_TRAIL_STEPS ? [...flow] : [...flow.slice(0, TRAIL_END_STEPS), undefined, ...flow.slice(-TRAIL_END_STEPS)];
  let previousFile: string | undefined;
  return shown
    .map((step, i) => {
      if (!step) {
        previousFile = undefined;
        return '…';
      }
      const located = i === 0 || i === shown.length - 1 || step.file !== previousFile;
      previousFile = step.file;
      return located ? `${stepLabel(step)} (${stepLocation(step)})` : stepLabel(step);
    })
    .join(' → ');
}

/** The text of the first markdown code span: between a run of backticks and the next run of the same length. */
function firstCodeSpan(text: string): string | undefined {
  const open = /`+/.exec(text);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  for (const close of text.slice(start).matchAll(/`+/g)) {
    if (close[0].length === open[0].length && close.index > 0) return text.slice(start, start + close.index);
  }
  return undefined;
}
