// Alerts: conditions → incidents (one per condition at a time) → notices (webhooks,
// admin email through the outbox) and the console banner.
export { evaluateAlerts, startAlertEvaluator, startProcessAlertEvaluator, type AlertEvaluator } from "./evaluator";
export { openIncidents, recentIncidents } from "./incidents";
export { CONDITIONS, CONDITION_TITLES, type Condition, type IncidentView } from "./types";
