import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { RoleCatalog, RoleDefinition } from '../../../engine';
import { INPUT, LABEL } from '../../components/ui';
import { searchRoles, type RoleSearchResult } from './role-search';

function reasonText(result: RoleSearchResult): string {
  switch (result.reason.kind) {
    case 'action':
      return `grants ${result.reason.pattern}${result.reason.data ? ' (data)' : ''}`;
    case 'suggested':
    case 'name':
      return result.role.description ?? '';
  }
}

/**
 * A role picker that searches the catalog by name and by action (`pull/read` finds AcrPull). An ARIA 1.2
 * combobox: type to search, arrows to move, Enter to choose, Escape to close.
 */
export function RolePicker({
  catalog,
  value,
  onChange,
  label = 'Role',
}: {
  catalog: RoleCatalog;
  value: RoleDefinition | undefined;
  onChange: (role: RoleDefinition | undefined) => void;
  label?: string;
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const results = useMemo(() => searchRoles(catalog, query), [catalog, query]);
  const optionId = (index: number) => `${listId}-option-${index}`;
  const shown = open && results.length > 0;

  const choose = (result: RoleSearchResult | undefined) => {
    if (!result) return;
    onChange(result.role);
    setQuery(result.role.name);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((index) => Math.min(index + 1, results.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      if (shown) {
        event.preventDefault();
        choose(results[active]);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
      }
    }
  };

  return (
    <div className="relative space-y-0.5">
      <label htmlFor={inputId} className={LABEL}>
        {label}
      </label>
      <input
        id={inputId}
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown ? optionId(active) : undefined}
        aria-describedby={hintId}
        value={query}
        placeholder="name or action, e.g. pull/read"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
          // Typing after a choice starts a new search: the old choice no longer matches the text.
          if (value && event.target.value !== value.name) onChange(undefined);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={INPUT}
      />
      <p id={hintId} className="sr-only">
        Search roles by name or by an action they grant; use the arrow keys to move through the matches and Enter to choose.
      </p>
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label} matches`}
        hidden={!shown}
        className="absolute z-30 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {results.map((result, index) => (
          <li
            key={result.role.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            data-role-name={result.role.name}
            // Keeps focus in the input, so the list does not close before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => choose(result)}
            className={`cursor-pointer px-2.5 py-1.5 ${index === active ? 'bg-blue-50 dark:bg-blue-950/60' : ''}`}
          >
            <span className="block text-sm font-medium text-slate-900 dark:text-slate-100">{result.role.name}</span>
            <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{reasonText(result)}</span>
          </li>
        ))}
      </ul>
      {open && query.trim() !== '' && results.length === 0 && (
        <p className="text-xs text-slate-500 dark:text-slate-400">No role matches “{query.trim()}”.</p>
      )}
    </div>
  );
}
