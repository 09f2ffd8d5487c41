import { useId, useState, type FormEvent } from 'react';
import { VISUAL_KINDS } from './entity-kinds';
import type { GraphNodeSpec } from './graph-model';

/** Nodes whose name contains the query, best first: exact name, then names that start with it, then the rest. */
export function searchNodes(nodes: readonly GraphNodeSpec[], query: string): GraphNodeSpec[] {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return [];
  const score = (node: GraphNodeSpec) => {
    const name = node.name.toLowerCase();
    return name === wanted ? 0 : name.startsWith(wanted) ? 1 : 2;
  };
  return nodes
    .filter((node) => node.visual !== 'principals' && node.name.toLowerCase().includes(wanted))
    .sort((a, b) => score(a) - score(b) || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
}

/**
 * Finds a node by name and hands it to `onFind` (which opens what hides it, selects and centres it). Enter
 * again goes to the next match.
 */
export function GraphSearch({ nodes, onFind }: { nodes: readonly GraphNodeSpec[]; onFind: (node: GraphNodeSpec) => void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [last, setLast] = useState<{ query: string; index: number } | undefined>();
  const [status, setStatus] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const matches = searchNodes(nodes, query);
    if (matches.length === 0) {
      setStatus(query.trim() === '' ? '' : `Nothing named “${query.trim()}”`);
      setLast(undefined);
      return;
    }
    const index = last?.query === query ? (last.index + 1) % matches.length : 0;
    const node = matches[index]!;
    setLast({ query, index });
    setStatus(`${VISUAL_KINDS[node.visual].label} ${node.name}${matches.length > 1 ? ` (${index + 1} of ${matches.length}; Enter for next)` : ''}`);
    onFind(node);
  };

  return (
    <form role="search" aria-label="Find a node" onSubmit={submit} className="flex min-w-0 shrink flex-col gap-1">
      <div className="flex min-w-0 items-center gap-1">
        <label htmlFor={id} className="sr-only">
          Find a node by name
        </label>
        <input
          id={id}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Find a node…"
          autoComplete="off"
          spellCheck={false}
          className="h-8 w-44 min-w-24 shrink rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
        />
        <button type="submit" className="graph-button shrink-0">
          Find
        </button>
      </div>
      <p aria-live="polite" className="max-w-72 truncate text-xs text-slate-600 empty:hidden dark:text-slate-300">
        {status}
      </p>
    </form>
  );
}
