import type { CheckOutcome, Evidence } from './types.js';

export const pass = (summary: string, evidence: Evidence[] = []): CheckOutcome => ({ status: 'pass', summary, evidence });
export const warn = (summary: string, evidence: Evidence[] = []): CheckOutcome => ({ status: 'warn', summary, evidence });
export const fail = (summary: string, evidence: Evidence[] = []): CheckOutcome => ({ status: 'fail', summary, evidence });
export const notApplicable = (summary: string): CheckOutcome => ({ status: 'na', summary, evidence: [] });

/** Evidence list without undefined entries, at most `max` long. */
export function some(evidence: (Evidence | undefined)[], max = 5): Evidence[] {
  return evidence.filter((e): e is Evidence => e !== undefined).slice(0, max);
}
