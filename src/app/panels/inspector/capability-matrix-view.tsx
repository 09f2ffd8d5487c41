import { useMemo } from 'react';
import { type AnalysisContext, type Entity, type EntityId, scopeKey } from '../../../engine';
import { SECTION_TITLE } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { capabilityMatrix, type CellEffect } from './capability-matrix';

const selectExplainAccess = (state: AppState) => state.explainAccess;

/** A principal's name when the name finds it again, so the explain form reads well; else its id. */
function principalReference(context: AnalysisContext, id: EntityId): string {
  const name = context.rbac.nameOf(id);
  return context.rbac.resolvePrincipal(name) === id ? name : id;
}

/** A scope's name when the name finds it again; else its ARM id. */
function scopeReference(context: AnalysisContext, armId: string): string {
  const entity = context.rbac.entity(armId);
  return entity && context.rbac.resolveScope(entity.name) === scopeKey(armId) ? entity.name : armId;
}

const CELL: Record<CellEffect, { symbol: string; text: string; style: string }> = {
  allowed: { symbol: '✓', text: 'allowed', style: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200' },
  policy: { symbol: '✓', text: 'allowed by an access policy', style: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200' },
  conditional: { symbol: '?', text: 'conditional', style: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' },
  denied: { symbol: '✕', text: 'denied', style: 'bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400' },
  none: { symbol: '–', text: 'no such resource', style: 'text-slate-400 dark:text-slate-500' },
};

/**
 * What the entity (or each of its identities) can do on its workspace's registry, storage, key vault and
 * workspace. Each cell opens the question in the explain panel, with the full reasoning.
 */
export function CapabilityMatrixView({ entity, context }: { entity: Entity; context: AnalysisContext }) {
  const matrix = useMemo(() => capabilityMatrix(context, entity), [context, entity]);
  const explainAccess = useAppStore(selectExplainAccess);
  if (matrix.columns.length === 0) return null;
  const multipleWorkspaces = new Set(matrix.columns.map((column) => column.workspace.id)).size > 1;
  return (
    <section className="space-y-2" aria-labelledby="inspector-matrix">
      <h3 id="inspector-matrix" className={SECTION_TITLE}>
        What it can do
      </h3>
      <table className="w-full border-collapse text-sm" data-testid="capability-matrix">
        <caption className="sr-only">Whether each identity may do each thing on its workspace's resources; choose a cell to see why.</caption>
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-2 text-left text-xs font-medium text-slate-500 dark:text-slate-400">
              On {multipleWorkspaces ? 'each workspace' : matrix.columns[0]?.workspace.name}
            </th>
            {matrix.columns.map((column) => (
              <th
                key={`${column.principal}|${column.workspace.id}`}
                scope="col"
                className="max-w-24 truncate px-1 py-1 text-center text-xs font-medium text-slate-700 dark:text-slate-300"
                title={column.principalName}
              >
                {multipleWorkspaces ? column.workspace.name : column.principalName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.capability.id} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-1 pr-2 text-left text-xs font-normal text-slate-700 dark:text-slate-300">
                {row.capability.label}
              </th>
              {row.cells.map((cell, index) => {
                const look = CELL[cell.effect];
                const column = matrix.columns[index];
                const label = `${row.capability.label}, ${column?.principalName ?? ''}: ${look.text}`;
                return (
                  <td key={index} className="px-1 py-0.5 text-center" data-effect={cell.effect} data-capability={row.capability.id}>
                    {cell.question ? (
                      <button
                        type="button"
                        title={`${cell.note} Choose to see why.`}
                        aria-label={`${label}. Explain`}
                        onClick={() => {
                          const question = cell.question;
                          if (!question) return;
                          explainAccess({
                            principal: principalReference(context, question.principal),
                            action: question.action,
                            dataAction: question.dataAction,
                            scope: scopeReference(context, question.scope),
                          });
                        }}
                        className={`inline-flex h-6 w-8 items-center justify-center rounded text-xs font-bold ${look.style} hover:ring-2 hover:ring-blue-400`}
                      >
                        <span aria-hidden="true">{look.symbol}</span>
                      </button>
                    ) : (
                      <span title={cell.note} aria-label={label} role="img" className={`inline-flex h-6 w-8 items-center justify-center rounded text-xs ${look.style}`}>
                        <span aria-hidden="true">{look.symbol}</span>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Asked of the whole registry, storage account, key vault and workspace; a grant on one container or secret alone does not
        count here. Choose a cell to see why.
      </p>
    </section>
  );
}
