// Node module hooks for the bench: Vite's `?raw` imports (the CLI bundles public/queries/*.kql that way) as
// plain text modules, so bench/collect.ts can run the CLI's collection under tsx.
import { readFile } from 'node:fs/promises';
import { URL } from 'node:url';

export async function resolve(specifier, context, nextResolve) {
  if (!specifier.endsWith('?raw')) return nextResolve(specifier, context);
  return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('?raw')) return nextLoad(url, context);
  const text = await readFile(new URL(url.slice(0, -'?raw'.length)), 'utf8');
  return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
}
