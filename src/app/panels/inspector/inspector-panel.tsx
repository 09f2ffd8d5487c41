import { useMemo } from 'react';
import type { Analysis, AnalysisContext, Entity, EntityId } from '../../../engine';
import { useAnalysis } from '../../analysis/use-analysis';
import { useAnalysisContext } from '../../analysis/use-analysis-context';
import { SeverityBadge, StatusBadge } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import { PanelEmpty } from '../../components/panel-empty';
import { CODE, SECTION_TITLE } from '../../components/ui';
import { LabelledSelect } from '../filter-fields';
import { KIND_PRESENTATION } from '../../graph/entity-kinds';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectEstate, selectSelectedEntity, selectSelectedEntityId } from '../../store/selectors';
import { AssignmentsSection } from './assignments-section';
import { CapabilityMatrixView } from './capability-matrix-view';
import { EntityOptions, entitiesByKind } from './entity-options';
import { EntitySettings } from './entity-settings';
import { IdentityEditor } from './identity-editor';

const selectSelect = (state: AppState) => state.select;

/** A keyboard- and screen-reader-friendly way to choose what to inspect, besides clicking the graph. */
function EntityChooser({ value }: { value: EntityId | undefined }) {
  const estate = useAppStore(selectEstate);
  const select = useAppStore(selectSelect);
  const groups = useMemo(() => (estate ? entitiesByKind(estate, () => true) : []), [estate]);
  return (
    <LabelledSelect
      label="Inspect"
      value={value ?? ''}
      onChange={(chosen) => select(chosen === '' ? undefined : { kind: 'entity', id: chosen as EntityId })}
      testId="inspect-entity"
    >
      <option value="">Choose an entity…</option>
      <EntityOptions groups={groups} />
    </LabelledSelect>
  );
}

function involves(path: Analysis['paths'][number], id: EntityId): boolean {
  return path.actor === id || path.target === id || path.via.includes(id) || path.identity.principal === id;
}

/** Paths the entity takes part in and findings about it, each a way into its own panel. */
function Involvement({ entity, analysis }: { entity: Entity; analysis: Analysis }) {
  const select = useAppStore(selectSelect);
  // Once per analysis and entity, not on every render: the panel renders again for each step of an edit (the
  // estate, its context, the analysis), and a business unit has tens of thousands of paths to look through.
  const id = entity.id;
  const paths = useMemo(() => analysis.paths.filter((path) => involves(path, id)), [analysis.paths, id]);
  const findings = useMemo(() => analysis.findings.filter((finding) => finding.subjects.includes(id)), [analysis.findings, id]);
  const link =
    'text-left text-blue-700 underline decoration-blue-300 underline-offset-2 hover:decoration-blue-700 dark:text-blue-300 dark:decoration-blue-500';
  return (
    <>
      <section className="space-y-1.5" aria-labelledby="inspector-findings">
        <h3 id="inspector-findings" className={SECTION_TITLE}>
          Findings about it ({findings.length})
        </h3>
        {findings.length === 0 ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">None.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {findings.map((finding) => (
              <li key={finding.id} className="flex items-start gap-2" data-finding-id={finding.id}>
                <SeverityBadge severity={finding.severity} />
                <button type="button" className={link} onClick={() => select({ kind: 'finding', id: finding.id })}>
                  {finding.title}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-1.5" aria-labelledby="inspector-paths">
        <h3 id="inspector-paths" className={SECTION_TITLE}>
          Access paths through it ({paths.length})
        </h3>
        {paths.length === 0 ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">None.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {paths.map((path) => (
              <li key={path.id} className="flex items-start gap-2" data-path-id={path.id} data-status={path.status}>
                <StatusBadge status={path.status} />
                <button type="button" className={link} onClick={() => select({ kind: 'path', id: path.id })}>
                  {path.title}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function EntityInspector({ entity, context, analysis }: { entity: Entity; context: AnalysisContext; analysis: Analysis }) {
  const kind = KIND_PRESENTATION[entity.kind];
  const hasIdentityEditor = entity.kind === 'workspace' || entity.kind === 'compute' || entity.kind === 'onlineEndpoint';
  return (
    <div className="space-y-5" data-testid="inspector" data-entity-id={entity.id}>
      <header className="space-y-1">
        <div className="flex items-center gap-2">
          <span aria-hidden="true" className={`rounded px-1.5 py-0.5 text-[10px] font-bold ring-1 ${kind.tone}`}>
            {kind.badge}
          </span>
          <span className="text-xs text-slate-500 dark:text-slate-400">{kind.label}</span>
        </div>
        <h2 className="text-lg font-semibold break-words text-slate-900 dark:text-slate-50">{entity.name}</h2>
        <div className="flex items-start gap-2">
          <code className={`${CODE} min-w-0 flex-1`}>{entity.id}</code>
          <CopyButton text={'armId' in entity ? entity.armId : entity.id} label="Copy id" />
        </div>
        {entity.description && <p className="text-sm text-slate-700 dark:text-slate-300">{entity.description}</p>}
      </header>

      <section className="space-y-2" aria-labelledby="inspector-settings">
        <h3 id="inspector-settings" className={SECTION_TITLE}>
          Settings
        </h3>
        <EntitySettings entity={entity} context={context} />
      </section>

      {hasIdentityEditor && (
        <section className="space-y-2" aria-labelledby="inspector-identity">
          <h3 id="inspector-identity" className={SECTION_TITLE}>
            Managed identity
          </h3>
          <IdentityEditor entity={entity} estate={context.estate} />
        </section>
      )}

      <CapabilityMatrixView entity={entity} context={context} />
      <AssignmentsSection entity={entity} context={context} />
      <Involvement entity={entity} analysis={analysis} />
    </div>
  );
}

/**
 * The selected entity: its settings (the changeable ones as what-if controls), identities, role assignments
 * both ways, what it can do, and the paths and findings it is part of.
 */
export function InspectorPanel() {
  const entity = useAppStore(selectSelectedEntity);
  const selectedId = useAppStore(selectSelectedEntityId);
  const context = useAnalysisContext();
  const analysis = useAnalysis();
  if (!context || !analysis) return <PanelEmpty>Open an estate, then choose an entity to inspect it.</PanelEmpty>;
  return (
    <div className="space-y-4 p-3">
      <EntityChooser value={entity?.id} />
      {entity ? (
        <EntityInspector key={entity.id} entity={entity} context={context} analysis={analysis} />
      ) : selectedId !== undefined ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          The entity you had selected is not in the estate as it is now (a change removed it).
        </p>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Click a node on the graph, or choose an entity above, to see its settings and access.</p>
      )}
    </div>
  );
}
