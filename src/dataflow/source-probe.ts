import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, patternNames, propertyName } from '../engine/ast-utils.js';
import type { FlowStep } from '../engine/finding.js';
import type { Visitor } from '../engine/traverse.js';
import type { SourceFile } from '../model/types.js';
import type { AstNode } from '../parse/types.js';
import { callFacts } from './call-facts.js';
import { ARRAY_CALLBACKS, hasDirective, isEntryFile } from './interpreter.js';
import { collectImports, type ImportBinding } from './modules.js';
import { browserSource, callbackSeeds, chatByConvention, chatPackage, type ChatConventions, convexHandler, extendsModelTool, fastmcpToolHandler, h3ContextParams, h3Source, importsChatLibrary, isNestInput, MCP_TOOL_CLASS, modelToolHandler, requestByConvention, sourceCall, SOURCE_CALL_METHODS, usesH3, type FunctionNode } from './sources.js';

type Call = TSESTree.CallExpression | TSESTree.NewExpression;

/** The last names of the page-URL reads `browserSource` knows (`location.search`, `document.referrer`, `window.name`). */
const BROWSER_LAST = new Set(['href', 'search', 'hash', 'pathname', 'URL', 'documentURI', 'referrer', 'baseURI', 'name']);
const NO_STEP = (): FlowStep => ({}) as FlowStep;
const NO_PARAMS = { params: [] } as unknown as FunctionNode;

/**
 * Whether a file's own code may bring untrusted input into the data flow: a request, a message, the page URL, an
 * LLM's answer or an archive's names. Most files of an app cannot (models, helpers, components, configuration),
 * and the data-flow pass skips them until another file needs the summaries of what they export
 * (src/dataflow/index.ts).
 *
 * It asks the same questions the interpreter asks where it makes a source (src/dataflow/sources.ts), of every place
 * it could ask them, without following values: a parameter named or typed as a request or decorated as NestJS
 * input, a route file a framework calls with the request, a server action (`'use server'` atop the file or a
 * function), a page-URL read, a call whose result is untrusted, and a call that would hand a request or message to
 * a function of this file (a route, socket or chat-bot handler); a file that imports a chat-bot library counts whole. For the last it needs to know which arguments can hold a function of the file; it errs towards yes:
 * an inline function, a name declared here that is not a parameter or a plain value, or a property of `this` or of
 * something declared or assigned here. Sources that arrive through an import (a helper that returns `req.body`)
 * are handled by the pass, which analyses the importers of such a module.
 *
 * Listeners run in the shared traversal; `found()` answers after it.
 */
export class SourceProbe {
  readonly listeners: Record<string, Visitor>;
  private found_: boolean;
  private readonly calls: Call[] = [];
  /** What declares or assigns names, read only if a call may hand a request to a function held by a name. */
  private readonly binders: AstNode[] = [];
  private names?: { fnNames: Set<string>; bound: Set<string> };
  private readonly imports: ReadonlyMap<string, ImportBinding>;
  /** The package depends on a chat-bot library (see `chatPackage`). */
  private readonly chat: ChatConventions | undefined;
  /** The file reads `event.context.params` (h3's path parameters). */
  private h3Params = false;

  constructor(
    private readonly file: SourceFile,
    ast: TSESTree.Program,
  ) {
    this.imports = collectImports(ast);
    this.chat = chatPackage(file.package);
    this.found_ = isEntryFile(file) || hasDirective(ast.body, 'use server') || importsChatLibrary(this.imports);
    const fn = (node: AstNode) => this.fn(node as FunctionNode);
    const bind = (node: AstNode) => void (this.found_ || this.binders.push(node));
    this.listeners = this.found_
      ? {}
      : {
          FunctionDeclaration: fn,
          FunctionExpression: fn,
          ArrowFunctionExpression: fn,
          VariableDeclarator: bind,
          AssignmentExpression: bind,
          ClassDeclaration: (node) => {
            // mcp-framework's tool classes: their `execute` gets the model's arguments.
            const parent = (node as TSESTree.ClassDeclaration).superClass;
            if (parent?.type === 'Identifier' && (MCP_TOOL_CLASS.test(parent.name) || extendsModelTool(parent.name, this.imports))) this.found_ = true;
            bind(node);
          },
          MemberExpression: (node) => this.member(node as TSESTree.MemberExpression),
          CallExpression: (node) => void (this.found_ || this.calls.push(node as Call)),
          NewExpression: (node) => void (this.found_ || this.calls.push(node as Call)),
        };
  }

  /** After the traversal: whether the data-flow pass must analyse the file for what it may start. */
  found(): boolean {
    if (this.found_) return true;
    const h3 = usesH3(this.file.text, this.imports);
    if (h3 && this.h3Params) return (this.found_ = true);
    for (const call of this.calls) if (this.startsFlows(call, h3)) return (this.found_ = true);
    return false;
  }

  /** A listener failed: what it would have learnt is not known, so the file counts as one that may start flows. */
  fail(): void {
    this.found_ = true;
  }

  private fn(node: FunctionNode): void {
    if (this.found_) return;
    if (node.type === 'FunctionDeclaration') this.binders.push(node);
    // A server action declared inline: its arguments are what the browser sends.
    if (node.body?.type === 'BlockStatement' && hasDirective(node.body.body, 'use server')) this.found_ = true;
    for (const param of node.params) if (requestByConvention(param) || isNestInput(param) || (this.chat && chatByConvention(param, this.chat))) this.found_ = true;
  }

  private member(node: TSESTree.MemberExpression): void {
    if (this.found_) return;
    // `event.context.params`: a source where the file uses h3 (decided after the traversal).
    if (node.object.type === 'MemberExpression' && propertyName(node) === 'params' && propertyName(node.object) === 'context' && h3ContextParams(memberPath(node as AstNode) ?? '', NO_STEP)) this.h3Params = true;
    const last = propertyName(node);
    if (!last || !BROWSER_LAST.has(last)) return;
    const path = memberPath(node as AstNode);
    if (path && browserSource(path, NO_STEP)) this.found_ = true;
  }

  private startsFlows(call: Call, h3: boolean): boolean {
    const callee = call.callee;
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    // A method call is a source call only by its name; array callbacks get the elements, not input.
    if (method !== undefined && !SOURCE_CALL_METHODS.has(method) && ARRAY_CALLBACKS.has(method)) return false;
    // fastmcp: `server.addTool({ name, execute })`, the tool's function inside an options object.
    if (method === 'addTool' && call.type === 'CallExpression' && fastmcpToolHandler(call)) return true;
    // An app's own model's tools (`tool({ execute })` from the AI SDK, Mastra's `createTool`, LangChain's).
    if (modelToolHandler(call, this.imports)) return true;
    const mayPass = call.arguments.some(mayBeFunction);
    // Only calls that may be a source call or take a function of this file need the call's facts.
    if (!mayPass && callee.type !== 'Identifier' && !(method && SOURCE_CALL_METHODS.has(method))) return false;
    const facts = callFacts(call, [], this.imports);
    if (sourceCall(facts.path, facts.method, NO_STEP)) return true;
    if (call.type === 'CallExpression' && ((h3 && h3Source(call, facts.path, NO_STEP)) || convexHandler(call, this.imports))) return true;
    if (!mayPass || (facts.method && ARRAY_CALLBACKS.has(facts.method)) || /interceptors/.test(facts.receiverPath ?? '')) return false;
    return call.arguments.some(
      (a, argIndex) => mayBeFunction(a) && !!callbackSeeds({ path: facts.path, method: facts.method, receiver: facts.receiverPath, chain: facts.chain, firstArg: call.arguments[0], argIndex }, functionOf(a) ?? NO_PARAMS) && this.mayHoldFunction(a),
    );
  }

  /** Whether the interpreter could find a function of this file in this argument. */
  private mayHoldFunction(node: TSESTree.Node): boolean {
    const inner = unwrap(node);
    switch (inner.type) {
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return true;
      case 'Identifier':
        return this.nameSets().fnNames.has(inner.name);
      case 'MemberExpression': {
        const root = rootName(inner);
        return root !== undefined && this.nameSets().bound.has(root);
      }
      case 'ConditionalExpression':
        return this.mayHoldFunction(inner.consequent) || this.mayHoldFunction(inner.alternate);
      case 'LogicalExpression':
        return this.mayHoldFunction(inner.left) || this.mayHoldFunction(inner.right);
      default:
        return false;
    }
  }

  /**
   * Names that may hold a function of this file (declared as one, or given a value that may be one), and names
   * declared or assigned to here (roots of member paths that may hold one).
   */
  private nameSets(): { fnNames: Set<string>; bound: Set<string> } {
    if (this.names) return this.names;
    const fnNames = new Set<string>();
    const bound = new Set<string>(['this', 'module', 'exports']);
    for (const node of this.binders) {
      if (node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') {
        if (node.id) bound.add(node.id.name);
        if (node.type === 'FunctionDeclaration' && node.id) fnNames.add(node.id.name);
      } else if (node.type === 'VariableDeclarator') {
        // Destructured: what a property or element held is not followed.
        const names = patternNames(node.id as AstNode);
        for (const name of names) bound.add(name);
        if (node.id.type !== 'Identifier' || !node.init || mayBeFunction(node.init)) for (const name of names) fnNames.add(name);
      } else if (node.type === 'AssignmentExpression') {
        const left = node.left;
        if (left.type === 'Identifier') {
          if (mayBeFunction(node.right)) fnNames.add(left.name);
        } else if (left.type === 'MemberExpression') {
          const root = rootName(left);
          if (root) bound.add(root);
        } else for (const name of patternNames(left as AstNode)) fnNames.add(name);
      }
    }
    return (this.names = { fnNames, bound });
  }
}

/** What an expression evaluates to once wrappers that pass a value through are taken off. */
function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  for (;;) {
    if (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSTypeAssertion' || n.type === 'ChainExpression' || n.type === 'TSInstantiationExpression') n = n.expression;
    else if (n.type === 'AwaitExpression' || n.type === 'SpreadElement') n = n.argument;
    else if (n.type === 'AssignmentExpression') n = n.right;
    else if (n.type === 'SequenceExpression') n = n.expressions[n.expressions.length - 1];
    else return n;
  }
}

/** A value (or an argument) of this shape may be a function: what a plain value, a call's result or a literal is not. */
function mayBeFunction(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  switch (inner.type) {
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'Identifier':
    case 'MemberExpression':
      return true;
    case 'ConditionalExpression':
      return mayBeFunction(inner.consequent) || mayBeFunction(inner.alternate);
    case 'LogicalExpression':
      return mayBeFunction(inner.left) || mayBeFunction(inner.right);
    default:
      return false;
  }
}

function functionOf(node: TSESTree.Node): FunctionNode | undefined {
  const inner = unwrap(node);
  return inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression' ? inner : undefined;
}

function rootName(node: TSESTree.Node): string | undefined {
  let n = node;
  while (n.type === 'MemberExpression' || n.type === 'ChainExpression' || n.type === 'TSNonNullExpression') n = n.type === 'MemberExpression' ? n.object : n.expression;
  return n.type === 'Identifier' ? n.name : n.type === 'ThisExpression' ? 'this' : undefined;
}
