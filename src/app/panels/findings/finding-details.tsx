import type { AccessPath, AnalysisContext, Evidence, Finding } from '../../../engine';
import { StatusBadge } from '../../components/badge';
import { DecisionView } from '../../components/decision-view';
import { EntityLink } from '../../components/entity-link';
import { ExternalLink } from '../../components/external-link';
import { FixView } from '../../components/fix-view';
import { CODE, SECTION_TITLE } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { RelatedLinks } from '../related-links';
import { TryFixButton } from './try-fix-controls';

const selectSelect = (state: AppState) => state.select;

function EvidenceItem({ evidence, context }: { evidence: Evidence; context: AnalysisContext }) {
  switch (evidence.kind) {
    case 'decision':
      return (
        <li className="space-y-1.5">
          <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{evidence.label}</p>
          <DecisionView decision={evidence.decision} index={context.rbac} />
        </li>
      );
    case 'setting':
      return (
        <li className="text-sm text-slate-800 dark:text-slate-200">
          <span className="font-medium">{evidence.label}</span>:{' '}
          <EntityLink id={evidence.entity} name={context.topology.nameOf(evidence.entity)} known={context.topology.get(evidence.entity) !== undefined} />{' '}
          <code className={CODE}>
            {evidence.field} = {evidence.value}
          </code>
        </li>
      );
    case 'note':
      return <li className="text-sm text-slate-800 dark:text-slate-200">{evidence.label}</li>;
  }
}

/** Everything about one finding: what, why it matters, the evidence, the fix, its paths and its sources. */
export function FindingDetails({
  finding,
  context,
  paths,
  id,
}: {
  finding: Finding;
  context: AnalysisContext;
  paths: ReadonlyMap<string, AccessPath>;
  id: string;
}) {
  const select = useAppStore(selectSelect);
  const related = finding.pathIds.map((pathId) => paths.get(pathId)).filter((path): path is AccessPath => path !== undefined);
  return (
    <div id={id} className="space-y-4 border-t border-slate-200 px-3 pt-3 pb-4 dark:border-slate-700" data-testid="finding-details">
      <div className="space-y-1.5">
        <p className="text-sm text-slate-900 dark:text-slate-100">{finding.message}</p>
        {finding.consequence && (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            <span className="font-semibold">If left alone: </span>
            {finding.consequence}
          </p>
        )}
        {finding.confidence === 'unconfirmed' && (
          <p className="text-xs text-orange-800 dark:text-orange-300">
            No document states this outright; treat it as a likely problem to confirm.
          </p>
        )}
      </div>

      <section className="space-y-1.5">
        <h4 className={SECTION_TITLE}>About</h4>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
          {finding.subjects.map((subject) => (
            <li key={subject}>
              <EntityLink id={subject} name={context.topology.nameOf(subject)} known={context.topology.get(subject) !== undefined} />
            </li>
          ))}
        </ul>
      </section>

      {finding.evidence.length > 0 && (
        <section className="space-y-2">
          <h4 className={SECTION_TITLE}>Evidence</h4>
          <ul className="space-y-3">
            {finding.evidence.map((evidence, index) => (
              // Evidence has no id; the list is fixed for a given finding.
              <EvidenceItem key={index} evidence={evidence} context={context} />
            ))}
          </ul>
        </section>
      )}

      {finding.fix && (
        <section className="space-y-1.5">
          <h4 className={SECTION_TITLE}>Fix</h4>
          <FixView fix={finding.fix} />
          <TryFixButton finding={finding} />
        </section>
      )}

      <RelatedLinks
        title="Access paths it explains"
        itemClassName="flex items-center gap-2 text-sm"
        links={related.map((path) => ({
          key: path.id,
          badge: <StatusBadge status={path.status} />,
          label: path.title,
          onSelect: () => select({ kind: 'path', id: path.id }),
        }))}
      />

      <section className="space-y-1.5">
        <h4 className={SECTION_TITLE}>Sources</h4>
        <ul className="space-y-0.5 text-sm">
          {finding.sources.map((source) => (
            <li key={source}>
              <ExternalLink href={source} />
            </li>
          ))}
        </ul>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Rule <code className={CODE}>{finding.ruleId}</code>
        </p>
      </section>
    </div>
  );
}
