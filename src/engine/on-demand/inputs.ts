/* An on-demand entry (see ./analysis.ts): every reader, for files the user opens. */
export { readInputs } from '../io/inputs';
