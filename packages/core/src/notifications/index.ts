export {
  type DeliveryOutcome,
  DISABLE_AFTER_FAILURES,
  deliverWebhook,
  MAX_DELIVERY_ATTEMPTS,
} from './deliver-webhook';
export { describeEvent, type EventFacts, localizeEvent } from './describe-event';
export { emitEvent, type NewEvent } from './emit-event';
export { EVENT_CATALOG, EVENT_TYPES, type EventEnvelope, type EventType } from './event-catalog';
export {
  type EmailMode,
  findNotifications,
  getNotificationSettings,
  markNotificationsRead,
  updateNotificationSettings,
} from './manage-notifications';
export {
  createWebhook,
  deleteWebhook,
  enableWebhook,
  findDeliveries,
  findWebhooks,
  sendTestEvent,
  type WebhookView,
} from './manage-webhooks';
export type { NotifyDeps } from './notify-deps';
export { sendEventEmails } from './send-event-emails';
export { slackMessage } from './slack-message';
export { sweepDeliveries } from './sweep-deliveries';
export { createWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';
