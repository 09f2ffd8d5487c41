import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { check, checkActionName } from '../../../engine';
import { useAnalysisContext } from '../../analysis/use-analysis-context';
import { DecisionView } from '../../components/decision-view';
import { PanelEmpty } from '../../components/panel-empty';
import { CODE, INPUT, LABEL, SMALL_BUTTON } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectEstate, selectSelectedEntity } from '../../store/selectors';
import {
  actionChoices,
  grantingRoles,
  isCatalogAction,
  isPrincipal,
  principalChoices,
  referenceFor,
  resolveExplainForm,
  scopeChoices,
  type ActionChoice,
} from './explain';

// The other questions' answers load (with the engine's questions) the first time one is asked.
const QuestionAnswer = lazy(() =>
  import('./question-answers').then((module) => ({ default: module.QuestionAnswer })),
);
const LeastRoleForDenial = lazy(() =>
  import('./question-answers').then((module) => ({ default: module.LeastRoleForDenial })),
);

type Question = 'can' | 'what-can' | 'who-can' | 'refusal';
const QUESTIONS: readonly { id: Question; label: string }[] = [
  { id: 'can', label: 'Can X do A?' },
  { id: 'what-can', label: 'What can X do?' },
  { id: 'who-can', label: 'Who can do A?' },
  { id: 'refusal', label: 'Why refused?' },
];

// The list of roles that grant an action can run to hundreds (every role with `*`); the first few are the
// useful ones, the rest are there on request.
const FIRST_ROLES = 10;
const LINK_BUTTON = 'text-xs font-medium text-blue-700 underline dark:text-blue-300';

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
  const ids = {
    principal: useId(),
    principals: useId(),
    action: useId(),
    actions: useId(),
    scope: useId(),
    scopes: useId(),
    hint: useId(),
    roles: useId(),
  };
  const [showRoles, setShowRoles] = useState(false);
  const [allRoles, setAllRoles] = useState(false);
  const [question, setQuestion] = useState<Question>('can');
  const [refusalText, setRefusalText] = useState('');
  const refusalId = useId();
  const asks = {
    principal: question !== 'who-can',
    action: question === 'can' || question === 'who-can',
    scope: question !== 'refusal',
  };

  const principals = useMemo(() => (estate ? principalChoices(estate) : []), [estate]);
  const scopes = useMemo(() => (estate ? scopeChoices(estate) : []), [estate]);
  const actionText = form.action.trim();
  const looksLikeAction = /^[\w.-]+\/[\w./-]+$/.test(actionText);
  // The picker searches the action catalog as the user types; once the text is a real action it steps aside.
  const actions = useMemo(
    () =>
      actionText === '' || isCatalogAction(actionText, false) || isCatalogAction(actionText, true)
        ? []
        : actionChoices(actionText),
    [actionText],
  );
  const nameCheck = useMemo(
    () => (looksLikeAction ? checkActionName(actionText, form.dataAction) : undefined),
    [looksLikeAction, actionText, form.dataAction],
  );
  const granting = useMemo(
    () =>
      context && showRoles && looksLikeAction
        ? grantingRoles(context.rbac.catalog, actionText, form.dataAction)
        : undefined,
    [context, showRoles, looksLikeAction, actionText, form.dataAction],
  );
  const resolution = useMemo(
    () => (context ? resolveExplainForm(form, context) : undefined),
    [form, context],
  );
  const decision = useMemo(
    () => (context && resolution?.ready ? check(context.rbac, resolution.question) : undefined),
    [context, resolution],
  );

  if (!estate || !context || !resolution)
    return <PanelEmpty>Open an estate to ask who may do what.</PanelEmpty>;

  // Picking an action sets its plane too; the radio buttons can still override it.
  const pickAction = (choice: ActionChoice) => setForm({ action: choice.value, dataAction: choice.data });
  const selectedIsPrincipal = selected !== undefined && isPrincipal(selected);
  const selectedIsScope = selected !== undefined && 'armId' in selected && !isPrincipal(selected);

  return (
    <div className="space-y-4 p-3" data-testid="explain-panel">
      <fieldset className="flex flex-wrap gap-1" data-testid="explain-question">
        <legend className="sr-only">Question</legend>
        {QUESTIONS.map((option) => (
          <label
            key={option.id}
            className={`cursor-pointer rounded-md border px-2 py-1 text-xs font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${
              question === option.id
                ? 'border-blue-500 bg-blue-50 text-blue-900 dark:border-blue-400 dark:bg-blue-950 dark:text-blue-100'
                : 'border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-300'
            }`}
          >
            <input
              type="radio"
              name="explain-question"
              className="sr-only"
              checked={question === option.id}
              onChange={() => setQuestion(option.id)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {question === 'can'
          ? 'May a principal perform an action at a scope? Roles held directly and through groups, inherited scopes, exclusions and deny assignments all count, as in Azure.'
          : question === 'what-can'
            ? 'Everything a principal can do at a scope, by provider and plane, with the assignment that grants each, and what NotActions or deny assignments took away.'
            : question === 'who-can'
              ? 'Everyone who can perform an action at a scope: directly, through groups, by inheritance, and through Azure ML (as a cluster identity, with a datastore’s credential, as an endpoint identity).'
              : 'Paste an authorization error (ARM, Storage, Key Vault, container registry, or an Azure ML job or deployment failure that carries one): who was refused, what, where, why, and the least role that would allow it.'}
      </p>
      <form className="space-y-3" onSubmit={(event) => event.preventDefault()}>
        {question === 'refusal' && (
          <div className="space-y-0.5">
            <label htmlFor={refusalId} className={LABEL}>
              Error text
            </label>
            <textarea
              id={refusalId}
              value={refusalText}
              onChange={(event) => setRefusalText(event.target.value)}
              rows={6}
              spellCheck={false}
              placeholder="(AuthorizationFailed) The client '…' with object id '…' does not have authorization to perform action '…' over scope '…'"
              className={`${INPUT} h-auto font-mono text-xs`}
            />
          </div>
        )}
        {asks.principal && (
          <div className="space-y-0.5">
            <div className="flex items-center justify-between">
              <label htmlFor={ids.principal} className={LABEL}>
                Principal
              </label>
              {selectedIsPrincipal && (
                <button
                  type="button"
                  className="text-xs font-medium text-blue-700 underline dark:text-blue-300"
                  onClick={() => setForm({ principal: referenceFor(estate, selected.id) })}
                >
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
        )}
        {asks.action && (
          <div className="space-y-0.5">
            <label htmlFor={ids.action} className={LABEL}>
              Action
            </label>
            <input
              id={ids.action}
              value={form.action}
              onChange={(event) => setForm({ action: event.target.value })}
              placeholder="search: pull image, listkeys, blobs read…"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={actions.length > 0 ? ids.actions : undefined}
              className={`${INPUT} font-mono text-xs`}
            />
            {actions.length > 0 && (
              <ul
                id={ids.actions}
                aria-label="Matching actions"
                className="max-h-56 space-y-0.5 overflow-y-auto rounded border border-slate-200 p-1 dark:border-slate-700"
              >
                {actions.map((choice) => (
                  <li key={`${choice.value}|${choice.data}`}>
                    <button
                      type="button"
                      onClick={() => pickAction(choice)}
                      title={choice.description || undefined}
                      className="w-full rounded px-1.5 py-1 text-left hover:bg-slate-100 focus-visible:bg-slate-100 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800"
                    >
                      <span className="block font-mono text-[11px] break-all text-slate-900 dark:text-slate-100">
                        {choice.value}
                      </span>
                      <span className="block text-xs text-slate-600 dark:text-slate-400">
                        {choice.label}
                        {choice.data ? ' · data action' : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {nameCheck && (
              <div className="text-xs text-amber-800 dark:text-amber-300" data-testid="action-check">
                {nameCheck.otherPlane ? (
                  <>
                    This is {form.dataAction ? 'a control-plane action' : 'a data action'}.{' '}
                    <button
                      type="button"
                      className={LINK_BUTTON}
                      onClick={() => setForm({ dataAction: !form.dataAction })}
                    >
                      Ask about the {form.dataAction ? 'control' : 'data'} plane
                    </button>
                  </>
                ) : nameCheck.suggestions.length > 0 ? (
                  <>
                    Not an operation Azure publishes. Did you mean{' '}
                    {nameCheck.suggestions.map((suggestion, i) => (
                      <span key={suggestion}>
                        {i > 0 && ' or '}
                        <button
                          type="button"
                          className={`${LINK_BUTTON} font-mono break-all`}
                          onClick={() => setForm({ action: suggestion })}
                        >
                          {suggestion}
                        </button>
                      </span>
                    ))}
                    ?
                  </>
                ) : (
                  <>
                    Not an operation Azure publishes for {actionText.split('/')[0]}, and no real one is close
                    to it.
                  </>
                )}
              </div>
            )}
            <fieldset className="flex items-center gap-4 pt-1 text-sm text-slate-800 dark:text-slate-200">
              <legend className="sr-only">Plane</legend>
              <label className="inline-flex items-center gap-1.5">
                <input
                  type="radio"
                  name="plane"
                  checked={!form.dataAction}
                  onChange={() => setForm({ dataAction: false })}
                  className="accent-blue-600"
                />
                Control plane (Actions)
              </label>
              <label className="inline-flex items-center gap-1.5">
                <input
                  type="radio"
                  name="plane"
                  checked={form.dataAction}
                  onChange={() => setForm({ dataAction: true })}
                  className="accent-blue-600"
                />
                Data plane (DataActions)
              </label>
            </fieldset>
          </div>
        )}

        {asks.scope && (
          <div className="space-y-0.5">
            <div className="flex items-center justify-between">
              <label htmlFor={ids.scope} className={LABEL}>
                Scope
              </label>
              {selectedIsScope && (
                <button
                  type="button"
                  className="text-xs font-medium text-blue-700 underline dark:text-blue-300"
                  onClick={() => setForm({ scope: referenceFor(estate, selected.id) })}
                >
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
        )}
        {asks.action && (
          <button
            type="button"
            className={`${SMALL_BUTTON} mr-2`}
            aria-expanded={showRoles}
            aria-controls={ids.roles}
            disabled={!looksLikeAction}
            onClick={() => {
              setShowRoles(!showRoles);
              setAllRoles(false);
            }}
          >
            Roles that grant this
          </button>
        )}
        <button
          type="button"
          className={SMALL_BUTTON}
          onClick={() => setForm({ principal: '', action: '', dataAction: false, scope: '' })}
          disabled={form.principal === '' && form.action === '' && form.scope === ''}
        >
          Clear
        </button>
      </form>

      {showRoles && granting && (
        <section
          id={ids.roles}
          aria-label="Roles that grant this action"
          className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
          data-testid="granting-roles"
        >
          <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">
            Roles that grant this, least first
          </h3>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {granting.length === 0
              ? `No role grants the ${form.dataAction ? 'data action' : 'action'} ${actionText}.`
              : `${granting.length} role${granting.length === 1 ? '' : 's'} grant${granting.length === 1 ? 's' : ''} it. Least means the fewest operations of Azure's action catalog granted; a wildcard counts every operation it matches.`}
          </p>
          <ol className="space-y-1 text-sm">
            {(allRoles ? granting : granting.slice(0, FIRST_ROLES)).map((row) => (
              <li key={row.id} className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium text-slate-900 dark:text-slate-100">{row.name}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {row.builtIn ? 'built-in' : 'custom'} · {row.breadth} operation
                  {row.breadth === 1 ? '' : 's'}
                  {row.condition !== undefined ? ' · only under its condition' : ''}
                </span>
                <code className={CODE}>{row.matchedPattern}</code>
              </li>
            ))}
          </ol>
          {!allRoles && granting.length > FIRST_ROLES && (
            <button type="button" className={LINK_BUTTON} onClick={() => setAllRoles(true)}>
              Show all {granting.length}
            </button>
          )}
        </section>
      )}

      <section
        aria-labelledby={ids.hint}
        aria-live="polite"
        className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
      >
        <h3 id={ids.hint} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
          Answer
        </h3>
        {question !== 'can' ? (
          <Suspense fallback={<p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>}>
            <QuestionAnswer kind={question} form={form} refusalText={refusalText} context={context} />
          </Suspense>
        ) : decision ? (
          <>
            <DecisionView decision={decision} index={context.rbac} />
            {decision.effect === 'denied' && resolution.ready && (
              <Suspense fallback={null}>
                <LeastRoleForDenial
                  principal={resolution.question.principal}
                  action={resolution.question.action}
                  dataAction={resolution.question.dataAction === true}
                  scope={resolution.question.scope}
                  context={context}
                />
              </Suspense>
            )}
          </>
        ) : (
          <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-600 dark:text-slate-400">
            {!resolution.ready && resolution.missing.map((line) => <li key={line}>{line}</li>)}
          </ul>
        )}
      </section>
    </div>
  );
}
