export { findAuditEvents } from './find-audit-events';
export { AUDIT_ACTIONS, type AuditAction, recordAuditEvent } from './record-audit-event';
