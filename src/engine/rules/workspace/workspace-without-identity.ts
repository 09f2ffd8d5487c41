import { settingEvidence } from '../helpers';
import { workspaceArgs, workspaceBicep, workspaceTerraform } from './cli-args';
import { defineRule } from '../catalog';

/** R1: a workspace whose identity type is `none` has nothing to authenticate to its dependencies with. */
export const workspaceWithoutIdentity = defineRule('AML-WS-001', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      if (workspace.identity.system || workspace.identity.userAssigned.length > 0) continue;
      const dependencyPaths = context.pathsFrom(workspace.id).filter((p) => p.kind === 'workspace-dependency');
      yield {
        subjects: [workspace.id],
        message: `Workspace ${workspace.name} has identity type none, so it has no identity to reach its storage, key vault, registry or Application Insights with.`,
        consequence:
          'Azure ML cannot act on the dependencies for this workspace: creating computes, running jobs, reading data and building images fail until an identity is added.',
        evidence: [settingEvidence(workspace.id, 'identity.type', 'none')],
        fix: {
          summary: `Give ${workspace.name} its system-assigned identity.`,
          actions: [
            {
              kind: 'command',
              az: [
                `# In the workspace YAML set identity.type: system_assigned, then:`,
                `az ml workspace update ${workspaceArgs(topology, workspace)} --file workspace.yml`,
              ],
              bicep: workspaceBicep(workspace, "identity: {\n  type: 'SystemAssigned'\n}"),
              terraform: workspaceTerraform(workspace, 'identity {\n  type = "SystemAssigned"\n}'),
            },
          ],
        },
        pathIds: dependencyPaths.map((p) => p.id),
      };
    }
  },
});
