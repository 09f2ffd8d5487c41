import { useEffect, useMemo, useState } from 'react';
import {
  applyFixGrants,
  estateEdit,
  loadQuestions,
  type AccessRoute,
  type AnalysisContext,
  type WhatCanAnswer,
  type WhoCanAnswer,
} from '../../../engine';
import { useAnalysis } from '../../analysis/use-analysis';
import { DecisionView } from '../../components/decision-view';
import { EntityLink } from '../../components/entity-link';
import { CODE, PRIMARY_SMALL_BUTTON, SMALL_BUTTON } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState, ExplainForm } from '../../store/app-state';

/** The questions beyond "may X do A at S": each answered by the engine's questions module, loaded on demand. */
export type QuestionKind = 'what-can' | 'who-can' | 'refusal';

type Questions = Awaited<ReturnType<typeof loadQuestions>>;

const selectApplyEdit = (state: AppState) => state.applyEdit;
const selectSelect = (state: AppState) => state.select;

function useQuestions(): Questions | undefined {
  const [questions, setQuestions] = useState<Questions>();
  useEffect(() => {
    let live = true;
    void loadQuestions().then((module) => live && setQuestions(module));
    return () => {
      live = false;
    };
  }, []);
  return questions;
}

const Name = ({ id, context }: { id: string; context: AnalysisContext }) => (
  <EntityLink
    id={id as never}
    name={context.topology.nameOf(id)}
    known={context.topology.get(id as never) !== undefined}
  />
);

const ROUTE_KIND: Readonly<Record<AccessRoute['kind'], string>> = {
  direct: 'directly',
  group: 'through a group',
  inherited: 'inherited from a parent scope',
  'compute-identity': 'as a compute identity, by submitting jobs',
  'datastore-credential': 'with a datastore’s stored credential',
  'endpoint-identity': 'as an endpoint identity, by calling it',
};

/**
 * Under a denied "Can X do A at S?": the least built-in role that would allow it at S, with Try this fix (a
 * planned assignment as a what-if; the decision above flips once it is applied).
 */
export function LeastRoleForDenial({
  principal,
  action,
  dataAction,
  scope,
  context,
}: {
  principal: string;
  action: string;
  dataAction: boolean;
  scope: string;
  context: AnalysisContext;
}) {
  const questions = useQuestions();
  const suggestion = useMemo(
    () => (questions ? questions.leastRole(principal as never, action, dataAction, scope) : undefined),
    [questions, principal, action, dataAction, scope],
  );
  if (!questions || !suggestion) return null;
  return <LeastRoleCard questions={questions} suggestion={suggestion} context={context} canTry />;
}

type LeastRoleSuggestion = NonNullable<ReturnType<Questions['leastRole']>>;

/**
 * A least-role suggestion: the role, how many operations it grants, the next least ones, and (when the principal
 * is known) Try this fix, which adds the assignment as a what-if.
 */
function LeastRoleCard({
  questions,
  suggestion,
  context,
  canTry,
}: {
  questions: Questions;
  suggestion: LeastRoleSuggestion;
  context: AnalysisContext;
  canTry: boolean;
}) {
  const applyEdit = useAppStore(selectApplyEdit);
  const tryIt = () => {
    const { params } = questions.leastRoleEdit(suggestion);
    const edit = estateEdit('addRoleAssignment', params, context.topology.estate);
    applyEdit({ label: `Least role: ${edit.label}`, apply: edit.apply });
  };
  return (
    <div className="space-y-1 rounded border border-blue-200 p-2 text-sm dark:border-blue-800" data-testid="least-role">
      <p>
        Least built-in role that allows it: <strong>{suggestion.role.name}</strong> ({suggestion.breadth} operation
        {suggestion.breadth === 1 ? '' : 's'} of the catalog), at{' '}
        <span className="break-all">{context.topology.nameOf(suggestion.scope)}</span>.
      </p>
      {suggestion.alternatives.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Next least: {suggestion.alternatives.map((role) => `${role.name} (${role.breadth})`).join(', ')}.
        </p>
      )}
      {canTry && (
        <button type="button" className={PRIMARY_SMALL_BUTTON} onClick={tryIt} data-testid="try-least-role">
          Try this fix
        </button>
      )}
    </div>
  );
}

/** The answer to the question the form holds, once the form has what it needs. */
export function QuestionAnswer({
  kind,
  form,
  refusalText,
  context,
}: {
  kind: QuestionKind;
  form: ExplainForm;
  refusalText: string;
  context: AnalysisContext;
}) {
  const questions = useQuestions();
  if (!questions) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>;
  if (kind === 'what-can') return <WhatCan questions={questions} form={form} context={context} />;
  if (kind === 'who-can') return <WhoCan questions={questions} form={form} context={context} />;
  return <Refusal questions={questions} text={refusalText} principal={form.principal} context={context} />;
}

function Missing({ lines }: { lines: string[] }) {
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-600 dark:text-slate-400">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function WhatCan({
  questions,
  form,
  context,
}: {
  questions: Questions;
  form: ExplainForm;
  context: AnalysisContext;
}) {
  const principal = form.principal.trim();
  const scope = form.scope.trim();
  const answer: WhatCanAnswer | undefined = useMemo(
    () => (principal && scope ? questions.whatCan(context, principal, scope) : undefined),
    [questions, context, principal, scope],
  );
  if (!principal || !scope)
    return (
      <Missing lines={[...(principal ? [] : ['Name a principal.']), ...(scope ? [] : ['Name a scope.'])]} />
    );
  if (!answer)
    return <Missing lines={[`No principal “${principal}” or no scope “${scope}” in this estate.`]} />;
  const total = answer.groups.reduce((sum, group) => sum + group.permissions.length, 0);
  return (
    <div className="space-y-2" data-testid="what-can-answer">
      <p className="text-sm text-slate-800 dark:text-slate-200">
        <Name id={answer.principal} context={context} /> can do {total} operation{total === 1 ? '' : 's'}{' '}
        here, in {answer.groups.length} provider group{answer.groups.length === 1 ? '' : 's'}.
      </p>
      {answer.unknownRoles.length > 0 && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          {answer.unknownRoles.length} role{answer.unknownRoles.length === 1 ? '' : 's'} held here{' '}
          {answer.unknownRoles.length === 1 ? 'is' : 'are'} not in the catalog: what{' '}
          {answer.unknownRoles.length === 1 ? 'it grants' : 'they grant'} is unknown, not absent.
        </p>
      )}
      {answer.groups.map((group) => (
        <details
          key={`${group.provider}|${group.plane}`}
          className="rounded border border-slate-200 p-2 dark:border-slate-700"
        >
          <summary className="cursor-pointer text-sm font-medium text-slate-900 dark:text-slate-100">
            {group.provider} · {group.plane === 'data' ? 'data plane' : 'control plane'} (
            {group.permissions.length}
            {group.removed.length > 0 ? `, ${group.removed.length} removed` : ''})
          </summary>
          <ul className="mt-1 space-y-1 text-xs">
            {group.permissions.map((permission) => (
              <li key={permission.action}>
                <code className={CODE}>{permission.action}</code>{' '}
                <span className="text-slate-600 dark:text-slate-400">
                  {permission.effect === 'conditional' ? 'only under a condition, ' : ''}
                  by{' '}
                  {permission.grants
                    .map(
                      (grant) => `${grant.roleName}${grant.viaGroups.length > 0 ? ' (through a group)' : ''}`,
                    )
                    .filter((text, index, all) => all.indexOf(text) === index)
                    .join(', ')}
                </span>
              </li>
            ))}
            {group.removed.map((permission) => (
              <li
                key={`removed|${permission.action}`}
                className="text-slate-500 line-through dark:text-slate-500"
              >
                <code className={CODE}>{permission.action}</code> removed
                {permission.removed?.byDeny ? ' by a deny assignment' : ''}
                {permission.removed?.byNotActions.length
                  ? ` by NotActions of ${permission.removed.byNotActions.map((n) => n.roleName).join(', ')}`
                  : ''}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}

function WhoCan({
  questions,
  form,
  context,
}: {
  questions: Questions;
  form: ExplainForm;
  context: AnalysisContext;
}) {
  const [routes, setRoutes] = useState<'all' | 'direct'>('all');
  const action = form.action.trim();
  const scope = form.scope.trim();
  const answer: WhoCanAnswer | undefined = useMemo(
    () =>
      action && scope
        ? questions.whoCan(context, { action, dataAction: form.dataAction, scope }, { routes })
        : undefined,
    [questions, context, action, scope, form.dataAction, routes],
  );
  if (!action || !scope)
    return <Missing lines={[...(action ? [] : ['Name an action.']), ...(scope ? [] : ['Name a scope.'])]} />;
  if (!answer) return <Missing lines={[`No scope “${scope}” in this estate.`]} />;
  return (
    <div className="space-y-2" data-testid="who-can-answer">
      <fieldset className="flex gap-4 text-sm text-slate-800 dark:text-slate-200">
        <legend className="sr-only">Routes</legend>
        <label className="inline-flex items-center gap-1.5">
          <input
            type="radio"
            name="routes"
            checked={routes === 'all'}
            onChange={() => setRoutes('all')}
            className="accent-blue-600"
          />
          Every route, through Azure ML too
        </label>
        <label className="inline-flex items-center gap-1.5">
          <input
            type="radio"
            name="routes"
            checked={routes === 'direct'}
            onChange={() => setRoutes('direct')}
            className="accent-blue-600"
          />
          RBAC only
        </label>
      </fieldset>
      <p className="text-sm text-slate-800 dark:text-slate-200">
        {answer.principals.length === 0
          ? 'Nobody in this estate can.'
          : `${answer.principals.length} principal${answer.principals.length === 1 ? '' : 's'} can, by ${answer.principals.reduce((n, p) => n + p.routes.length, 0)} route(s).`}
        {answer.blocked.length > 0 &&
          ` ${answer.blocked.length} more would, but a deny assignment blocks them.`}
      </p>
      <ul className="space-y-2">
        {answer.principals.map(({ principal, routes: found }) => (
          <li
            key={principal}
            className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700"
            data-principal={context.topology.nameOf(principal)}
          >
            <Name id={principal} context={context} />
            <ul className="mt-1 space-y-1">
              {found.map((route, index) => (
                // Routes have no id; the list is fixed for one answer.
                <li key={index} className="text-xs text-slate-700 dark:text-slate-300">
                  <span className="font-medium">{ROUTE_KIND[route.kind]}</span>
                  {route.certainty === 'possible' && (
                    <span
                      className="ml-1 rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
                      title={route.because}
                    >
                      possible
                    </span>
                  )}
                  <ol className="mt-0.5 list-decimal pl-5">
                    {route.steps.map((step, stepIndex) => (
                      <li key={stepIndex}>
                        {step.text}
                        {step.facts && step.facts.length > 0 && (
                          <span className="text-slate-500"> ({step.facts.join(', ')})</span>
                        )}
                      </li>
                    ))}
                  </ol>
                  {route.because && <p className="text-amber-800 dark:text-amber-300">{route.because}</p>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Refusal({
  questions,
  text,
  principal,
  context,
}: {
  questions: Questions;
  text: string;
  principal: string;
  context: AnalysisContext;
}) {
  const analysis = useAnalysis();
  const applyEdit = useAppStore(selectApplyEdit);
  const select = useAppStore(selectSelect);
  const answer = useMemo(
    () =>
      text.trim() === ''
        ? undefined
        : questions.explainRefusal(context, text, {
            ...(principal.trim() ? { principal: principal.trim() } : {}),
            ...(analysis ? { paths: analysis.paths } : {}),
          }),
    [questions, context, text, principal, analysis],
  );
  if (!answer)
    return <Missing lines={['Paste the text of the error, as the tool or the portal printed it.']} />;
  if (!answer.ok)
    return (
      <div
        role="alert"
        className="space-y-1 text-sm text-red-800 dark:text-red-300"
        data-testid="refusal-unread"
      >
        <p>{answer.message}</p>
        {answer.found.length > 0 && <Missing lines={answer.found.map((part) => `Found: ${part}`)} />}
      </div>
    );
  const { refusal, decision, leastRole, accessPolicy } = answer.answer;
  const who = answer.answer.principal;
  const tryPolicy = () => {
    if (!accessPolicy) return;
    const grant = {
      kind: 'set-key-vault-policy' as const,
      vault: accessPolicy.vault,
      principal: accessPolicy.principal,
      ...(accessPolicy.list === 'keys'
        ? { keys: [accessPolicy.permission] }
        : { secrets: [accessPolicy.permission] }),
    };
    applyEdit({
      label: `Access policy: ${accessPolicy.list} ${accessPolicy.permission} for ${context.topology.nameOf(accessPolicy.principal)}`,
      apply: (estate) => applyFixGrants(estate, [grant]),
    });
  };
  return (
    <div className="space-y-2 text-sm text-slate-800 dark:text-slate-200" data-testid="refusal-answer">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="font-medium">Refused by</dt>
        <dd>
          {refusal.service} ({refusal.code})
        </dd>
        <dt className="font-medium">Principal</dt>
        <dd>{who ? <Name id={who} context={context} /> : 'not in the text, and not named above'}</dd>
        <dt className="font-medium">Action</dt>
        <dd>{refusal.action ? <code className={CODE}>{refusal.action}</code> : 'not in the text'}</dd>
        <dt className="font-medium">Scope</dt>
        <dd className="break-all">{answer.answer.scope ?? 'not in the text, or not in this estate'}</dd>
      </dl>
      {answer.answer.missing.length > 0 && <Missing lines={answer.answer.missing} />}
      {answer.answer.notes.map((note) => (
        <p key={note} className="text-xs text-slate-600 dark:text-slate-400">
          {note}
        </p>
      ))}
      {decision && who && <DecisionView decision={decision} index={context.rbac} />}
      {answer.answer.paths.length > 0 && (
        <div>
          <p className="font-medium">Access paths that need it</p>
          <ul className="list-disc pl-5">
            {answer.answer.paths.map((path) => (
              <li key={path.id}>
                <button
                  type="button"
                  className="text-left text-blue-700 underline dark:text-blue-300"
                  onClick={() => select({ kind: 'path', id: path.id })}
                >
                  {path.title}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {leastRole && decision?.effect !== 'allowed' && (
        <LeastRoleCard questions={questions} suggestion={leastRole} context={context} canTry={who !== undefined} />
      )}
      {accessPolicy && !accessPolicy.granted && (
        <button type="button" className={SMALL_BUTTON} onClick={tryPolicy} data-testid="try-access-policy">
          Try this fix: grant {accessPolicy.list} {accessPolicy.permission} in the access policy
        </button>
      )}
    </div>
  );
}
