import { KeywordAutomaton } from './keyword-automaton.js';
import { hasTrigger, type AstRule } from './rule.js';

/** A trigger written as a regex of plain words (`/pass|pwd/i`, `/\.json/i`): read as those words. */
const WORDS_ONLY = /^(?:[\w-]|\\[.$-])+(?:\|(?:[\w-]|\\[.$-])+)*$/;

interface Plan {
  /** The triggers the plan was made of (a rule whose triggers were replaced since is asked as `hasTrigger` asks). */
  of: AstRule['triggers'];
  /** Words to find as written: their index among the keywords, and the word. */
  exact: { index: number; word: string }[];
  /** Words to find in any case (from a regex with the `i` flag). */
  anyCase: number[];
  /** Everything else, asked as `hasTrigger` asks it. */
  other: (string | RegExp)[];
}

/**
 * The AST rules' triggers, asked of a file in one pass over its text: about 120 distinct words across the rules,
 * each of which `text.includes` read the whole file for. Answers exactly what `hasTrigger` answers: the pass finds
 * words in any case, and a word to be found as written is then looked up as written, once per file.
 */
export class RuleTriggers {
  private readonly automaton: KeywordAutomaton;
  private readonly plans = new Map<AstRule, Plan>();

  constructor(rules: readonly AstRule[]) {
    const index = new Map<string, number>();
    const indexOf = (word: string) => {
      const key = word.toLowerCase();
      if (!index.has(key)) index.set(key, index.size);
      return index.get(key)!;
    };
    for (const rule of rules) {
      if (!rule.triggers) continue;
      const plan: Plan = { of: rule.triggers, exact: [], anyCase: [], other: [] };
      for (const t of rule.triggers) {
        const words = typeof t === 'string' ? [t] : wordsOf(t);
        if (!words || words.some((w) => !/^[\x20-\x7e]+$/.test(w))) plan.other.push(t);
        else if (typeof t !== 'string' && t.flags === 'i') plan.anyCase.push(...words.map(indexOf));
        else plan.exact.push(...words.map((word) => ({ index: indexOf(word), word })));
      }
      this.plans.set(rule, plan);
    }
    this.automaton = new KeywordAutomaton([...index.keys()], true);
  }

  /** Whether one of a rule's triggers occurs in `text`; the text is read for every word at once, when first asked. */
  in(text: string): (rule: AstRule) => boolean {
    let present: Uint8Array | undefined;
    const asWritten = new Map<string, boolean>();
    const written = (word: string) => {
      let found = asWritten.get(word);
      if (found === undefined) asWritten.set(word, (found = text.includes(word)));
      return found;
    };
    return (rule) => {
      const plan = this.plans.get(rule);
      if (!plan || plan.of !== rule.triggers) return hasTrigger(rule, text);
      const found = (present ??= this.automaton.present(text));
      return (
        plan.anyCase.some((k) => found[k] === 1) ||
        plan.exact.some((e) => found[e.index] === 1 && written(e.word)) ||
        plan.other.some((t) => (typeof t === 'string' ? text.includes(t) : t.test(text)))
      );
    };
  }
}

/** The words a regex of plain words matches (`/pass|pwd/` → pass, pwd), or undefined for any other regex. */
function wordsOf(pattern: RegExp): string[] | undefined {
  if ((pattern.flags !== '' && pattern.flags !== 'i') || !WORDS_ONLY.test(pattern.source)) return undefined;
  return pattern.source.split('|').map((w) => w.replace(/\\(.)/g, '$1'));
}

let last: { rules: readonly AstRule[]; triggers: RuleTriggers } | undefined;
/** The triggers of these rules, made again only when the rules differ from the last scan's (an editor scans on every edit). */
export function triggersOf(rules: readonly AstRule[]): RuleTriggers {
  if (!last || last.rules.length !== rules.length || last.rules.some((r, i) => r !== rules[i])) last = { rules, triggers: new RuleTriggers(rules) };
  return last.triggers;
}
