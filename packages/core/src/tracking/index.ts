export {
  ALERT_KINDS,
  type Alert,
  type AlertKind,
  type Baseline,
  checkAlertRule,
  type Metrics,
} from './check-alert-rule';
export {
  type AlertFacts,
  AlertFactsSchema,
  describeAlert,
} from './describe-alert';
export { evaluateAlerts } from './evaluate-alerts';
export { findTrackedHistory, findTrackedKeywords, untrackKeyword } from './find-tracked-keywords';
export {
  type AlertRuleView,
  createAlertRule,
  deleteAlertRule,
  ensureDefaultAlertRules,
  findAlertRules,
  updateAlertRule,
} from './manage-alert-rules';
export { refreshTrackedKeywords } from './refresh-tracked-keywords';
export { type TrackInput, type TrackResult, trackKeywords } from './track-keywords';
