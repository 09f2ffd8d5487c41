import { useId, type ReactNode } from 'react';
import { INPUT, LABEL, SELECT } from '../components/ui';

/** A panel's search box, labelled "Search". */
export function SearchField({ value, onChange, placeholder }: { value: string; onChange: (text: string) => void; placeholder: string }) {
  const id = useId();
  return (
    <div className="space-y-0.5">
      <label htmlFor={id} className={LABEL}>
        Search
      </label>
      <input id={id} type="search" value={value} onChange={(event) => onChange(event.target.value)} placeholder={placeholder} className={INPUT} />
    </div>
  );
}

/** A labelled drop-down of a panel (a filter, or what to inspect); `children` are its options. */
export function LabelledSelect({
  label,
  value,
  onChange,
  testId,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="space-y-0.5">
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={SELECT} data-testid={testId}>
        {children}
      </select>
    </div>
  );
}
