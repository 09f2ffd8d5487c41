import { useState } from 'react';
import type { Fix } from '../../engine';
import { CopyButton } from './copy-button';
import { Tabs } from './tabs';

type FixFormat = 'az' | 'bicep' | 'terraform';
const FORMATS = [
  { id: 'az' as const, label: 'az CLI' },
  { id: 'bicep' as const, label: 'Bicep' },
  { id: 'terraform' as const, label: 'Terraform' },
];

function fixText(fix: Fix, format: FixFormat): string {
  return format === 'az' ? fix.az.join('\n') : format === 'bicep' ? fix.bicep : fix.terraform;
}

/** A fix in words, then the same as az commands, Bicep or Terraform, each ready to copy. */
export function FixView({ fix }: { fix: Fix }) {
  const [format, setFormat] = useState<FixFormat>('az');
  const text = fixText(fix, format).trim();
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-800 dark:text-slate-200">{fix.summary}</p>
      <Tabs label="Fix as" tabs={FORMATS} value={format} onChange={setFormat} size="sm" panelClassName="pt-2">
        {text === '' ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">Nothing to run in this form: follow the steps above.</p>
        ) : (
          <div className="relative">
            <pre tabIndex={0} className="max-h-64 overflow-auto rounded-md bg-slate-900 p-2.5 pr-16 font-mono text-[11px] leading-relaxed text-slate-100 dark:bg-black/60">
              <code>{text}</code>
            </pre>
            <div className="absolute top-1.5 right-1.5">
              <CopyButton text={text} label="Copy" />
            </div>
          </div>
        )}
      </Tabs>
    </div>
  );
}
