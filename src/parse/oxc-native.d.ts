// The native binding behind `oxc-parser`'s parseSync, exported by the package as `oxc-parser/src-js/bindings`
// (untyped there). Its `program` is the AST as JSON text: see src/parse/oxc.ts for why it is read directly.
declare module 'oxc-parser/src-js/bindings' {
  import type { OxcError, ParserOptions } from 'oxc-parser';
  export interface NativeParseResult {
    readonly program: string;
    readonly module: unknown;
    readonly comments: unknown[];
    readonly errors: OxcError[];
  }
  export function parseSync(filename: string, sourceText: string, options?: ParserOptions | null): NativeParseResult;
}

// oxc-parser's own JSON-to-AST step (restores BigInt and RegExp literal values JSON cannot carry), exported as a file of the package.
declare module 'oxc-parser/src-js/wrap.js' {
  export function jsonParseAst(programJson: string): unknown;
}
