// The compliance module's public surface: jurisdiction rules and the requirements engine.
export { describe as describeCondition } from './conditions.js';
export { IDENTIFIER_FORMATS, type IdentifierScheme, identifierProblem, normaliseIdentifier } from './identifiers.js';
export { complianceRoutes } from './routes.js';
export { loadRules, type Requirement, RULES_DIR, RuleFileError, requirementsFor } from './rules.js';
export type { Rule, RuleFile } from './schema.js';
export { ComplianceService, validProfile } from './service.js';
