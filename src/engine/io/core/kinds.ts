// The words live with the model, so that the RBAC index (which may not import the readers) says them too.
export { KIND_LABELS } from '../../model/kind-labels';
