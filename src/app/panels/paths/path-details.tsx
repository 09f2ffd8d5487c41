import { useId, useState } from 'react';
import { type AccessPath, type AnalysisContext, type Finding, type IdentityKind, type PrincipalCounts, type SourceId, SOURCES } from '../../../engine';
import { SeverityBadge, TagBadge } from '../../components/badge';
import { DecisionView } from '../../components/decision-view';
import { EntityLink } from '../../components/entity-link';
import { ExternalLink } from '../../components/external-link';
import { CODE, SECTION_TITLE } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { RelatedLinks } from '../related-links';

const selectSelect = (state: AppState) => state.select;

const IDENTITY_KIND_LABEL: Record<IdentityKind, string> = {
  'managed-identity': 'managed identity',
  user: 'user',
  group: 'group',
  'service-principal': 'service principal',
  credential: 'stored credential',
  'acr-admin': 'registry admin user',
  'key-or-token': 'endpoint key or token',
  'any-user': 'whoever uses studio',
  none: 'no identity',
  unknown: 'undecided',
};

function Entity({ id, context }: { id: string; context: AnalysisContext }) {
  const known = context.topology.get(id as never) !== undefined;
  return <EntityLink id={id} name={context.rbac.nameOf(id)} known={known} />;
}

const COUNTED_KIND: Record<keyof PrincipalCounts, [string, string]> = {
  user: ['user', 'users'],
  group: ['group', 'groups'],
  'service-principal': ['service principal', 'service principals'],
  'managed-identity': ['managed identity', 'managed identities'],
};

/** `10 users, 2 groups` from a path's counts, or nothing when it carries none. */
function countsText(counts: PrincipalCounts | undefined): string {
  if (!counts) return '';
  return (Object.keys(COUNTED_KIND) as (keyof PrincipalCounts)[])
    .filter((kind) => counts[kind] !== undefined)
    .map((kind) => `${counts[kind] ?? 0} ${COUNTED_KIND[kind][(counts[kind] ?? 0) === 1 ? 0 : 1]}`)
    .join(', ');
}

/**
 * The principals a path stands for: a count, and the names once asked for (a path of a subscription's role
 * holders can cover hundreds, and drawing them all with every opened path would be wasted work).
 */
function CoveredPrincipals({ path, principals, context }: { path: AccessPath; principals: readonly string[]; context: AnalysisContext }) {
  const [shown, setShown] = useState(false);
  const listId = useId();
  const counts = countsText(path.principalCounts);
  return (
    <div className="space-y-1" data-testid="covered-principals">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900 dark:text-slate-100">
          {principals.length} principals{counts ? ` (${counts})` : ''}, {path.grant ? 'each given it by this grant alone' : 'who reach it the same way'}
        </span>
        <button
          type="button"
          aria-expanded={shown}
          aria-controls={shown ? listId : undefined}
          onClick={() => setShown(!shown)}
          className="text-xs font-medium text-blue-700 underline dark:text-blue-300"
        >
          {shown ? 'Hide them' : 'Show them'}
        </button>
      </p>
      {shown && (
        <ul id={listId} className="flex flex-wrap gap-x-3 gap-y-1">
          {principals.map((principal) => (
            <li key={principal}>
              <Entity id={principal} context={context} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One access path in full: who reaches what as whom, the trace step by step, and each permission's decision. */
export function PathDetails({
  path,
  context,
  findings,
  id,
}: {
  path: AccessPath;
  context: AnalysisContext;
  findings: ReadonlyMap<string, Finding>;
  id: string;
}) {
  const select = useAppStore(selectSelect);
  const related = path.findingIds.map((findingId) => findings.get(findingId)).filter((finding): finding is Finding => finding !== undefined);
  return (
    <div id={id} className="space-y-4 border-t border-slate-200 px-3 pt-3 pb-4 text-sm dark:border-slate-700" data-testid="path-details">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500 dark:text-slate-400">Who</dt>
        <dd>
          {path.principals ? <CoveredPrincipals path={path} principals={path.principals} context={context} /> : <Entity id={path.actor} context={context} />}
        </dd>
        {path.grant && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Grant</dt>
            <dd data-testid="path-grant">
              <span className="font-medium text-slate-900 dark:text-slate-100">{path.grant.roleName}</span> on {context.rbac.scopeLabel(path.grant.scope)}
              {path.grant.condition !== undefined && <TagBadge title={path.grant.condition}>with a condition</TagBadge>}
            </dd>
          </>
        )}
        <dt className="text-slate-500 dark:text-slate-400">Reaches</dt>
        <dd>
          <Entity id={path.target} context={context} />
        </dd>
        {path.via.length > 0 && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Through</dt>
            <dd className="flex flex-wrap gap-x-2">
              {path.via.map((hop) => (
                <Entity key={hop} id={hop} context={context} />
              ))}
            </dd>
          </>
        )}
        <dt className="text-slate-500 dark:text-slate-400">As</dt>
        <dd className="space-x-1.5">
          {path.identity.principal ? (
            <Entity id={path.identity.principal} context={context} />
          ) : (
            <span className="font-medium text-slate-900 dark:text-slate-100">{path.identity.label}</span>
          )}
          <TagBadge>{IDENTITY_KIND_LABEL[path.identity.kind]}</TagBadge>
          <TagBadge title={path.identity.chosen === 'explicit' ? 'A setting chose this identity on purpose' : 'No setting names it: a default rule picks it'}>
            {path.identity.chosen === 'explicit' ? 'set explicitly' : 'by default'}
          </TagBadge>
        </dd>
      </dl>

      <section className="space-y-1.5">
        <h4 className={SECTION_TITLE}>Why, step by step</h4>
        <ol className="space-y-1.5">
          {path.trace.map((step, index) => {
            const source = step.source ? SOURCES[step.source as SourceId] : undefined;
            return (
              // Steps are fixed for a given path and have no ids.
              <li key={index} className="flex gap-2">
                <span
                  aria-hidden="true"
                  className="mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-slate-200 text-[10px] font-bold text-slate-700 dark:bg-slate-700 dark:text-slate-200"
                >
                  {index + 1}
                </span>
                <div className="min-w-0 space-y-0.5">
                  <p className="text-slate-800 dark:text-slate-200">{step.text}</p>
                  <p className="flex flex-wrap items-center gap-x-2 text-xs text-slate-500 dark:text-slate-400">
                    {step.entity && <Entity id={step.entity} context={context} />}
                    {step.fact && <span title="Entry of the project's fact sheet that backs this step">fact {step.fact}</span>}
                    {source && <ExternalLink href={source.url}>{source.title}</ExternalLink>}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      </section>

      {path.requirements.length > 0 && (
        <section className="space-y-2">
          <h4 className={SECTION_TITLE}>What it needs</h4>
          <ul className="space-y-3">
            {path.requirements.map((requirement) => (
              <li key={`${requirement.action}@${requirement.scope}`} className="space-y-1.5" data-testid="requirement">
                <p className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium text-slate-900 dark:text-slate-100">{requirement.label}</span>
                  {requirement.optional && <TagBadge>optional</TagBadge>}
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  <code className={CODE}>{requirement.action}</code> ({requirement.dataAction ? 'data action' : 'control action'}) on{' '}
                  {context.rbac.scopeLabel(requirement.scope)}; least role that grants it:{' '}
                  <span className="font-medium">{context.rbac.catalog.get(requirement.suggestedRole)?.name ?? requirement.suggestedRole}</span>
                </p>
                {requirement.accessPolicy && (
                  <p className="text-xs text-slate-700 dark:text-slate-300">
                    {context.rbac.nameOf(requirement.accessPolicy.vault)} uses access policies: roles do not count there; an access policy must grant{' '}
                    <code className={CODE}>
                      {requirement.accessPolicy.list}: {requirement.accessPolicy.permission}
                    </code>
                    .
                  </p>
                )}
                {requirement.satisfiedBy && <p className="text-xs text-emerald-800 dark:text-emerald-300">Met by {requirement.satisfiedBy}.</p>}
                {requirement.decision ? (
                  <DecisionView decision={requirement.decision} index={context.rbac} showQuestion={false} />
                ) : (
                  !requirement.satisfiedBy && (
                    <p className="text-xs text-slate-500 dark:text-slate-400">Not an RBAC check: the identity is not a principal roles apply to.</p>
                  )
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <RelatedLinks
        title="Findings about it"
        itemClassName="flex items-center gap-2"
        links={related.map((finding) => ({
          key: finding.id,
          badge: <SeverityBadge severity={finding.severity} />,
          label: finding.title,
          onSelect: () => select({ kind: 'finding', id: finding.id }),
        }))}
      />
      {path.confidence === 'unconfirmed' && (
        <p className="text-xs text-orange-800 dark:text-orange-300">No document states this path outright; it is our best reading.</p>
      )}
    </div>
  );
}
