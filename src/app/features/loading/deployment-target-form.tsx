import { useId, useState, type FormEvent } from 'react';
import { parseDeploymentTarget, type DeploymentTarget } from '../../../engine';

/**
 * Offered in the report of a load whose ARM templates do not say where they are deployed: their resources sit in
 * a stand-in subscription and resource group until the user gives the resource group, as
 * `az deployment group create --resource-group` would. Placing reads the same files again with it (the CLI's
 * `--deployment-target`); a value that is not a resource group or subscription id is refused next to the field,
 * quoted, and nothing is read.
 */
export function DeploymentTargetForm({ files, onPlace }: { files: readonly string[]; onPlace: (target: DeploymentTarget) => void }) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string>();
  const fieldId = useId();
  const hintId = useId();
  const problemId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = parseDeploymentTarget(value);
    if (target === undefined) {
      setProblem(`"${value}" is not a resource group or subscription id; write /subscriptions/<subscription GUID>/resourceGroups/<name>.`);
      return;
    }
    setProblem(undefined);
    onPlace(target);
  };
  const named = files.length === 1 ? `${files[0]} does` : `${files.length} templates (${files.join(', ')}) do`;
  return (
    <form onSubmit={submit} data-testid="deployment-target-form" className="flex flex-col gap-1.5 rounded-md border border-blue-200 bg-blue-50 p-3 text-sm dark:border-blue-900 dark:bg-blue-950">
      <label htmlFor={fieldId} className="font-semibold text-slate-900 dark:text-slate-100">
        Where are these templates deployed?
      </label>
      <p id={hintId} className="text-slate-700 dark:text-slate-300">
        {named} not say where {files.length === 1 ? 'it is' : 'they are'} deployed, so their resources sit in a stand-in subscription
        and resource group and cannot merge with exported ones. Give the resource group id, as{' '}
        <code>az deployment group create --resource-group</code> deploys to (for a Terraform plan the subscription id is
        enough), and the files are read again there.
      </p>
      <div className="flex flex-wrap gap-2">
        <input
          id={fieldId}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="/subscriptions/<GUID>/resourceGroups/<name>"
          spellCheck={false}
          aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
          aria-invalid={problem !== undefined}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
        />
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500"
        >
          Place templates
        </button>
      </div>
      {problem && (
        <p id={problemId} role="alert" className="text-red-800 dark:text-red-300">
          {problem}
        </p>
      )}
    </form>
  );
}
