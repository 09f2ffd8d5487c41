import { defaultIdentityIs } from '../engine/conditions';
import { pathRef, ref } from '../engine/refs';
import type { Tour } from '../engine/types';
import { openPathStep, selectEntityStep, source } from './shared';

const cpuCluster = ref('compute', 'cpu-cluster');
const gpuCluster = ref('compute', 'gpu-cluster');
const baseline = ref('job', 'train-baseline');
const detector = ref('job', 'train-detector');
const exportLabels = ref('job', 'export-labels');
const shelfImages = ref('datastore', 'shelf_images');
const idTrain = ref('userAssignedIdentity', 'id-vision-train');
const idLabels = ref('userAssignedIdentity', 'id-vision-labels');
const baselinePath = pathRef('job-datastore', baseline, shelfImages);

export const trainingJobIdentityTour: Tour = {
  id: 'training-job-identity',
  title: 'What identity does my training job use?',
  summary:
    'Follow three jobs to their data and see how the identity is picked: the compute’s own, the cluster’s default, or one named by client id. Then switch a cluster to a user-assigned identity and watch the answer change.',
  sample: 'compute-identities',
  steps: [
    {
      id: 'overview',
      title: 'Three jobs, two clusters',
      text: [
        'A job reaches its data as some identity, and which one is rarely written down in one place. It depends on what the job asks for, on the datastore, and on the compute the job runs on.',
        'Here three jobs share two clusters: cpu-cluster has a system-assigned identity, gpu-cluster carries two user-assigned ones.',
      ],
      sources: [source('S5'), source('S1')],
      highlight: { entities: [cpuCluster, gpuCluster, baseline, detector, exportLabels] },
    },
    selectEntityStep(baseline, {
      id: 'select-job',
      title: 'Pick the job',
      text: [
        'train-baseline reads shelf_images and its YAML has no identity section at all. Select it to see what the inspector makes of it.',
      ],
    }),
    openPathStep(baselinePath, {
      id: 'open-path',
      title: 'Open its data path',
      text: [
        'The inspector lists every access path the job takes part in. Open the one to shelf_images: its trace says step by step how the identity was chosen.',
      ],
    }),
    {
      id: 'fallback',
      title: 'No setting: the compute’s identity',
      text: [
        'With no identity setting, and no key or token stored on the datastore, the job falls back to the managed identity of its compute.',
        'For cpu-cluster that is its system-assigned identity, which Entra ID lists as mlw-retail-vision/computes/cpu-cluster.',
      ],
      sources: [source('S5'), source('S1')],
      highlight: {
        paths: [baselinePath],
        entities: [cpuCluster, ref('systemAssignedIdentity', 'mlw-retail-vision/computes/cpu-cluster')],
      },
    },
    {
      id: 'default-identity',
      title: '“Managed” without a client id: the default',
      text: [
        'train-detector asks for a managed identity but does not say which. On gpu-cluster, which has no system identity, the default is the first user-assigned identity in its list: id-vision-train.',
        'Code inside the job finds that identity’s client id in the DEFAULT_IDENTITY_CLIENT_ID variable.',
      ],
      sources: [source('S1')],
      highlight: {
        paths: [pathRef('job-datastore', detector, shelfImages)],
        entities: [gpuCluster, idTrain],
      },
    },
    {
      id: 'named-identity',
      title: 'A client id picks another one',
      text: [
        'export-labels runs on the same cluster but names the client id of id-vision-labels, so it writes curated_labels as that identity rather than the default one.',
      ],
      sources: [source('S5')],
      highlight: {
        paths: [pathRef('job-datastore', exportLabels, ref('datastore', 'curated_labels'))],
        entities: [idLabels],
      },
    },
    {
      id: 'switch-identity',
      title: 'Your turn: change the cluster’s identity',
      text: [
        'What if cpu-cluster used id-vision-train too? Select cpu-cluster and, under Managed identity in the inspector, set the identity type to user-assigned with id-vision-train.',
        'A cluster holds either a system-assigned identity or user-assigned ones, never both at once.',
      ],
      sources: [source('S1')],
      highlight: { entities: [cpuCluster, idTrain] },
      waitFor: defaultIdentityIs(cpuCluster, idTrain),
      doIt: [{ kind: 'set-identity', resource: cpuCluster, system: false, userAssigned: [idTrain] }],
    },
    {
      id: 'result',
      title: 'The same job, another identity',
      text: [
        'train-baseline has not changed, yet its path to shelf_images now runs as id-vision-train, which already has read access there. The job’s identity followed the cluster.',
        'This is a what-if: Undo (Ctrl+Z) puts the system identity back.',
      ],
      highlight: { paths: [baselinePath], entities: [idTrain] },
    },
    {
      id: 'who-else',
      title: 'Who else reaches shelf_images?',
      text: [
        'An identity a job can run as is reachable by everyone who may submit jobs. Ask it: in Explain access choose “Who can do A?”, the data action Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read, and shelf_images as the scope.',
        'Besides id-vision-train itself, the answer lists the people who may submit jobs to mlw-retail-vision: each reaches the images as a cluster identity, with the steps and the facts behind them.',
      ],
      sources: [source('S1')],
      highlight: { entities: [shelfImages, cpuCluster, gpuCluster] },
    },
  ],
};
