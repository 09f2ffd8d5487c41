/*
 * An on-demand entry (see ./analysis.ts): the questions asked in every direction (what can X do here, who can do
 * A on S, why was I refused) and the least role. They resolve access paths, so they load with the analysis,
 * after the first paint.
 */
export { explainRefusal, leastRole, leastRoleEdit, whatCan, whoCan } from '../questions';
