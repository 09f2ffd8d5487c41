import { useId, type ReactNode } from 'react';
import { LABEL, SELECT } from '../../components/ui';

/** A read-only setting: a term and its value, on one row of the settings grid. */
export function Setting({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="pt-0.5 text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-slate-900 dark:text-slate-100">{children}</dd>
    </>
  );
}

/** A setting that is also a what-if control: a labelled select on one row of the settings grid. */
export function SelectSetting<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <>
      <dt className="pt-1.5">
        <label htmlFor={id} className={LABEL}>
          {label}
        </label>
      </dt>
      <dd className="min-w-0">
        <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)} className={SELECT} data-testid={testId}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </dd>
    </>
  );
}

/** A yes/no setting as a what-if control: a labelled checkbox on one row of the settings grid. */
export function ToggleSetting({
  label,
  checked,
  onChange,
  description,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** What "on" means, beside the box. */
  description: string;
}) {
  const id = useId();
  return (
    <>
      <dt className="pt-0.5">
        <label htmlFor={id} className={LABEL}>
          {label}
        </label>
      </dt>
      <dd className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
        <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="h-4 w-4 accent-blue-600" />
        <span className="text-xs text-slate-600 dark:text-slate-400">{description}</span>
      </dd>
    </>
  );
}

export function SettingsGrid({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[8.5rem_1fr] items-start gap-x-3 gap-y-2">{children}</dl>;
}
