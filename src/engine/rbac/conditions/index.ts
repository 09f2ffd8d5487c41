// ABAC conditions: read once per assignment, evaluated per access question.
export {
  parseCondition,
  type AttributeRef,
  type AttributeSource,
  type ConditionLiteral,
  type ConditionNode,
  type ConditionParseError,
  type Operand,
  type ParsedCondition,
  type Quantifier,
} from './parse';
export { evaluateCondition, type ConditionEvaluation, type ConditionRequest, type Truth } from './evaluate';
