/** A `firestore.rules` / `storage.rules` file, read into its blocks. Conditions are kept as text. */
export interface SecurityRules {
  /** `cloud.firestore`, `firebase.storage`, or whatever the file names. */
  service?: string;
  version?: string;
  /** Top-level `match` blocks (under the service). */
  matches: MatchBlock[];
  /** Functions declared at service level. */
  functions: RulesFunction[];
  /** Syntax the reader could not make sense of; the rest of the file is still read. */
  errors: RulesSyntaxError[];
}

export interface Located {
  /** 1-based. */
  line: number;
  column: number;
  /** Character offsets into the file text. */
  start: number;
  end: number;
}

export interface MatchBlock extends Located {
  /** The path as written: `/users/{userId}`, `/{document=**}`. */
  path: string;
  /** `/databases/…/documents/users/{userId}` joined from the enclosing blocks. */
  fullPath: string;
  /** Wildcard names on this block's path and the enclosing ones (`userId`, `document`). */
  wildcards: string[];
  /** A `{name=**}` wildcard on this path or an enclosing one. */
  recursive: boolean;
  allows: AllowStatement[];
  matches: MatchBlock[];
  functions: RulesFunction[];
  parent?: MatchBlock;
}

export interface AllowStatement extends Located {
  /** `read`, `write`, `get`, `list`, `create`, `update`, `delete`. */
  methods: string[];
  /** Condition text after `if`, comments removed; undefined for `allow read;` (always allowed). */
  condition?: string;
  match: MatchBlock;
}

export interface RulesFunction {
  name: string;
  params: string[];
  /** The returned expression (`let` bindings inlined as written before it). */
  body: string;
  line: number;
}

export interface RulesSyntaxError {
  message: string;
  line: number;
  column: number;
}
