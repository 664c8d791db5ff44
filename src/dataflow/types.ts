import type { Confidence, FlowStep, Range } from '../engine/finding.js';

/** What a tainted value must not reach; one injection rule per kind. */
export const SINK_KINDS = ['sql', 'nosql', 'command', 'code', 'path', 'ssrf', 'xss', 'redirect', 'prototype-pollution', 'regex', 'prompt'] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

/**
 * Where untrusted data comes from: an HTTP request (or RPC/server-action argument), a WebSocket or
 * cross-window message, the page URL in the browser, the text an LLM produced, names inside an archive, the
 * arguments of an MCP server's tool (chosen by the model calling it).
 */
export type SourceKind = 'request' | 'message' | 'browser' | 'llm' | 'archive' | 'tool';

/**
 * One origin of a tainted value. A `param` origin is symbolic: "whatever the caller passed as parameter N",
 * used to build function summaries that callers in this and other files apply.
 */
export interface Origin {
  kind: SourceKind | 'param';
  param?: number;
  /** In code words: `req.body`, `request.json()`, `the LLM response`, `parameter id`. */
  label: string;
  /** Steps from the source to here, source first; capped (see taint.ts). */
  trail: FlowStep[];
  /** Sink kinds this value was made safe for on its way (sanitizer, guard, type). */
  safeFor: readonly SinkKind[];
  /** The source was recognised by naming convention (a `req` parameter) rather than by framework wiring. */
  heuristic?: boolean;
  /** An uploaded file (`req.file`, `req.files`): the fields the server fills in (its path on disk) are not input. */
  upload?: boolean;
  /**
   * A parameter's origin read through such a field (`file.path` of a parameter `file`): an uploaded file passed
   * for that parameter brings only the server's own value.
   */
  serverField?: boolean;
  /**
   * A parameter's origin read through its keys (`Object.keys(fields)`, the key of an `Object.entries` pair): a caller's
   * argument brings only what its keys carry, not its values (`{ price: req.body.price }` has the server's keys).
   */
  keysOf?: boolean;
  /**
   * A parameter's origin read through one of its own fields (`options.url`, `{ url } = options`): an object literal
   * passed for that parameter brings only what it puts under this field (`{ url: req.body.url, bin: YT_DLP }.bin`: none).
   */
  field?: string;
}

/** Tainted origins of a value (small, deduplicated); undefined or empty means clean. */
export type Taint = readonly Origin[];

/** A request object (Express/Fastify/Koa ctx/Hono c/Fetch Request): only some of its properties are input. */
export interface RequestShape {
  kind: SourceKind;
  /** How the code names it, for messages: `req`, `ctx`, `c.req`, `request`. */
  name: string;
  heuristic?: boolean;
  /**
   * Which members are untrusted; defaults to the HTTP request's. `chat`: an update a chat bot receives (Telegram,
   * Discord, Slack): its text is the user's, its ids are the platform's.
   */
  members?: 'request' | 'archive-entry' | 'event' | 'chat';
}

/** Abstract value of an expression. */
export interface Val {
  taint?: Taint;
  shape?: RequestShape;
  /** An object or array literal (not a string): SQL/command sinks want text. */
  object?: boolean;
  /** Text built by concatenation or a template from parts, at least one of them tainted. */
  built?: boolean;
  /** Text whose constant parts contain HTML markup. */
  html?: boolean;
  /** Text whose constant prefix pins where a URL or path goes (`/users/${id}`, `https://api.x.com/${id}`). */
  anchored?: boolean;
  /** Text checked to start with `/` (`next.startsWith('/')`): a path, though alone `//evil.com` still passes. */
  rooted?: boolean;
  /** The scheme and host of the request's own URL (`new URL(request.url).origin`): a URL it starts stays on this site. */
  ownOrigin?: boolean;
  /** A function defined in this file (or imported), callable with a summary. */
  fn?: FunctionRef;
  /**
   * A class (`cls`) or an instance of one (`instance`), by the name this file knows it under (`UserService`, an
   * import's local name, `models.Bank`): its methods are called with their summaries (`new Bank().check(id)`).
   */
  cls?: string;
  instance?: string;
  /**
   * `Object.entries(obj)` of an object whose keys are its own (`{ price: body.price }`): the pairs' keys carry only
   * this taint (none, for such an object), their values the rest. An element destructured as `[key, value]` keeps them apart.
   */
  entryKeys?: Taint;
  /** An HMAC computed here (`createHmac(…).digest()`): comparing it with what the request sent checks a signature. */
  hmac?: boolean;
  /**
   * Origins that reached this object only by being written into one of its fields (`user.name = req.body.name`),
   * by field: the object as a whole carries them, reading another of its fields (`user._id`) does not.
   */
  fieldOnly?: ReadonlyMap<string, Taint>;
  /** The value a function's parameter holds, by its index: reading one of its fields marks the origin (see Origin.field). */
  paramRoot?: number;
}

export interface FunctionRef {
  file: string;
  key: string;
}

/** A sink reached by a function parameter: applied at every call site. */
export interface ParamSink {
  param: number;
  sink: SinkHit;
  /** From the parameter's entry to the sink. */
  trail: FlowStep[];
  safeFor: readonly SinkKind[];
}

export interface SinkHit {
  kind: SinkKind;
  /** In code words: `pool.query`, `child_process.exec`, `res.redirect`, `innerHTML`. */
  label: string;
  file: string;
  range: Range;
  symbol?: string;
  /** Which source kinds make this sink dangerous (e.g. the page URL does not matter to a server SQL query). */
  accepts: readonly SourceKind[];
  /** The text was checked to start with `/`: only a protocol-relative `//host` takes it off the site. */
  rooted?: boolean;
  /**
   * The call of a project function that hands text built here to the real sink, in code words with its place:
   * `` `pool.query` (src/db.js:3) ``. The finding is then reported at the call, where the text is built.
   */
  via?: string;
}

export interface FunctionSummary {
  /** Origins of the return value: `param` origins are substituted with the caller's arguments. */
  returns: Taint;
  /** The function returns a request object it received or built (`getRequest()`), rare but cheap to keep. */
  returnsShape?: RequestShape;
  /** Every tainted value it returns is a URL or path whose constant start fixes its target (`\`${BASE}/${id}\``). */
  returnsAnchored?: boolean;
  sinks: ParamSink[];
}

/** What other files can use from a module: summaries of its exported functions by export name. */
export interface ModuleSummary {
  exports: Map<string, FunctionSummary>;
}

/** A complete path from an untrusted source to a sink: one finding of the sink's rule. */
export interface TaintFlow {
  sink: SinkHit;
  source: Origin;
  /** Source first, sink last. */
  steps: FlowStep[];
  confidence: Confidence;
}
