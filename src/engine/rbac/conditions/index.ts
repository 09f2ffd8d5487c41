// ABAC conditions: read once per assignment (parse), judged per access question (evaluate).
export { parseCondition, type ParsedCondition } from './parse';
export { evaluateCondition, type ConditionRequest, type Truth } from './evaluate';
