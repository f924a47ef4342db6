export type { BillingConfig, BillingDeps, PaidPlan } from './billing-deps';
export { createStripe } from './create-stripe';
export { getBilling } from './get-billing';
export { processStripeWebhook, type WebhookOutcome } from './process-stripe-webhook';
export { openBillingPortal, startCheckout } from './start-checkout';
