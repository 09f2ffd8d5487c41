/*
 * The globals the engine may use beyond ECMAScript: only what a browser tab, a web worker and Node (20 and
 * later) all provide, declared as narrowly as the engine uses it. tsconfig.engine.json has no DOM and no Node
 * types, so anything not declared here or in ES2023 is a type error in src/engine.
 */

/** WHATWG URL (browsers, workers, Node's global `URL`): the parts the engine reads. */
declare class URL {
  constructor(url: string, base?: string);
  readonly hostname: string;
  readonly pathname: string;
}
