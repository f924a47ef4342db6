export { type CountLocallyOptions, countLocally } from './count-locally';
export { createLimiter, type Limiter, type LimitRule, type LimitState } from './create-limiter';
export {
  allPlans,
  PAID_PLANS,
  PLAN_NAMES,
  type Plan,
  type PlanName,
  planOf,
  planRules,
} from './plans';
