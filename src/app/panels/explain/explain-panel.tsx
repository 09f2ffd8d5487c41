import { useId, useMemo } from 'react';
import { check } from '../../../engine';
import { useAnalysisContext } from '../../analysis/use-analysis-context';
import { DecisionView } from '../../components/decision-view';
import { PanelEmpty } from '../../components/panel-empty';
import { INPUT, LABEL, SMALL_BUTTON } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectEstate, selectSelectedEntity } from '../../store/selectors';
import { actionChoices, isPrincipal, principalChoices, referenceFor, resolveExplainForm, scopeChoices } from './explain';

const selectForm = (state: AppState) => state.explainForm;
const selectSetForm = (state: AppState) => state.setExplainForm;

/**
 * Ask any access question: may this principal perform this action at this scope? The answer is the same
 * decision the rules use, explained by the shared decision renderer.
 */
export function ExplainPanel() {
  const estate = useAppStore(selectEstate);
  const context = useAnalysisContext();
  const form = useAppStore(selectForm);
  const setForm = useAppStore(selectSetForm);
  const selected = useAppStore(selectSelectedEntity);
  const ids = { principal: useId(), principals: useId(), action: useId(), actions: useId(), scope: useId(), scopes: useId(), hint: useId() };

  const principals = useMemo(() => (estate ? principalChoices(estate) : []), [estate]);
  const scopes = useMemo(() => (estate ? scopeChoices(estate) : []), [estate]);
  // The catalog changes only with the estate's custom roles, but it is cheap to key on the context.
  const actions = useMemo(() => (context ? actionChoices(context.rbac.catalog) : []), [context]);
  const resolution = useMemo(() => (context ? resolveExplainForm(form, context) : undefined), [form, context]);
  const decision = useMemo(
    () => (context && resolution?.ready ? check(context.rbac, resolution.question) : undefined),
    [context, resolution],
  );

  if (!estate || !context || !resolution) return <PanelEmpty>Open an estate to ask who may do what.</PanelEmpty>;

  const chooseAction = (value: string) => {
    const known = actions.find((action) => action.value.toLowerCase() === value.trim().toLowerCase());
    // Picking a known action sets its plane too; the radio buttons can still override it.
    setForm(known ? { action: value, dataAction: known.data } : { action: value });
  };
  const selectedIsPrincipal = selected !== undefined && isPrincipal(selected);
  const selectedIsScope = selected !== undefined && 'armId' in selected && !isPrincipal(selected);

  return (
    <div className="space-y-4 p-3" data-testid="explain-panel">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        May a principal perform an action at a scope? Roles held directly and through groups, inherited scopes, exclusions and deny
        assignments all count, as in Azure.
      </p>
      <form className="space-y-3" onSubmit={(event) => event.preventDefault()}>
        <div className="space-y-0.5">
          <div className="flex items-center justify-between">
            <label htmlFor={ids.principal} className={LABEL}>
              Principal
            </label>
            {selectedIsPrincipal && (
              <button type="button" className="text-xs font-medium text-blue-700 underline dark:text-blue-300" onClick={() => setForm({ principal: referenceFor(estate, selected.id) })}>
                Use {selected.name}
              </button>
            )}
          </div>
          <input
            id={ids.principal}
            list={ids.principals}
            value={form.principal}
            onChange={(event) => setForm({ principal: event.target.value })}
            placeholder="user, group, service principal or identity"
            autoComplete="off"
            className={INPUT}
          />
          <datalist id={ids.principals}>
            {principals.map((choice) => (
              <option key={choice.value} value={choice.value} label={choice.label} />
            ))}
          </datalist>
        </div>

        <div className="space-y-0.5">
          <label htmlFor={ids.action} className={LABEL}>
            Action
          </label>
          <input
            id={ids.action}
            list={ids.actions}
            value={form.action}
            onChange={(event) => chooseAction(event.target.value)}
            placeholder="Microsoft.ContainerRegistry/registries/pull/read"
            autoComplete="off"
            spellCheck={false}
            className={`${INPUT} font-mono text-xs`}
          />
          <datalist id={ids.actions}>
            {actions.map((choice) => (
              <option key={choice.value} value={choice.value} label={choice.label || undefined} />
            ))}
          </datalist>
          <fieldset className="flex items-center gap-4 pt-1 text-sm text-slate-800 dark:text-slate-200">
            <legend className="sr-only">Plane</legend>
            <label className="inline-flex items-center gap-1.5">
              <input type="radio" name="plane" checked={!form.dataAction} onChange={() => setForm({ dataAction: false })} className="accent-blue-600" />
              Control plane (Actions)
            </label>
            <label className="inline-flex items-center gap-1.5">
              <input type="radio" name="plane" checked={form.dataAction} onChange={() => setForm({ dataAction: true })} className="accent-blue-600" />
              Data plane (DataActions)
            </label>
          </fieldset>
        </div>

        <div className="space-y-0.5">
          <div className="flex items-center justify-between">
            <label htmlFor={ids.scope} className={LABEL}>
              Scope
            </label>
            {selectedIsScope && (
              <button type="button" className="text-xs font-medium text-blue-700 underline dark:text-blue-300" onClick={() => setForm({ scope: referenceFor(estate, selected.id) })}>
                Use {selected.name}
              </button>
            )}
          </div>
          <input
            id={ids.scope}
            list={ids.scopes}
            value={form.scope}
            onChange={(event) => setForm({ scope: event.target.value })}
            placeholder="resource name, or an ARM id"
            autoComplete="off"
            spellCheck={false}
            className={INPUT}
          />
          <datalist id={ids.scopes}>
            {scopes.map((choice) => (
              <option key={choice.value} value={choice.value} label={choice.label} />
            ))}
          </datalist>
        </div>
        <button
          type="button"
          className={SMALL_BUTTON}
          onClick={() => setForm({ principal: '', action: '', dataAction: false, scope: '' })}
          disabled={form.principal === '' && form.action === '' && form.scope === ''}
        >
          Clear
        </button>
      </form>

      <section aria-labelledby={ids.hint} aria-live="polite" className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700">
        <h3 id={ids.hint} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
          Answer
        </h3>
        {decision ? (
          <DecisionView decision={decision} index={context.rbac} />
        ) : (
          <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-600 dark:text-slate-400">
            {!resolution.ready && resolution.missing.map((line) => <li key={line}>{line}</li>)}
          </ul>
        )}
      </section>
    </div>
  );
}
