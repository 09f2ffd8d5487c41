import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
}

/**
 * ARIA tabs with automatic activation: arrow keys, Home and End move between tabs and show them, Tab moves
 * into the panel. Only the active panel is rendered (a hidden panel would keep re-deriving on every edit),
 * so only the active tab names a panel in `aria-controls`: a reference to a missing element is invalid ARIA.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  value,
  onChange,
  children,
  className = '',
  listClassName = '',
  panelClassName = '',
  size = 'md',
}: {
  /** The accessible name of the tab list. */
  label: string;
  tabs: readonly TabItem<T>[];
  value: T;
  onChange: (value: T) => void;
  /** The content of the active tab. */
  children: ReactNode;
  className?: string;
  listClassName?: string;
  panelClassName?: string;
  size?: 'sm' | 'md';
}) {
  const base = useId();
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const tabId = (id: T) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === value);
    let next: number | undefined;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onChange(tab.id);
    refs.current.get(tab.id)?.focus();
  };

  const sizing = size === 'sm' ? 'px-2.5 py-1 text-xs' : 'px-2.5 py-2 text-sm';
  return (
    <div className={className}>
      <div
        role="tablist"
        aria-label={label}
        onKeyDown={onKeyDown}
        className={`flex gap-1 border-b border-slate-200 dark:border-slate-700 ${listClassName}`}
      >
        {tabs.map((tab) => {
          const selected = tab.id === value;
          return (
            <button
              key={tab.id}
              ref={(element) => {
                if (element) refs.current.set(tab.id, element);
                else refs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              aria-selected={selected}
              aria-controls={selected ? panelId : undefined}
              tabIndex={selected ? 0 : -1}
              onClick={() => onChange(tab.id)}
              className={`-mb-px flex items-center gap-1.5 rounded-t-md border-b-2 font-medium whitespace-nowrap ${sizing} ${
                selected
                  ? 'border-blue-600 text-blue-700 dark:border-blue-400 dark:text-blue-300'
                  : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'
              }`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div key={value} role="tabpanel" id={panelId} aria-labelledby={tabId(value)} tabIndex={0} className={panelClassName}>
        {children}
      </div>
    </div>
  );
}
