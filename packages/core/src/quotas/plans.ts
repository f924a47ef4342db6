import plans from './plans.json';

export type PlanName = keyof typeof plans;
export type Plan = (typeof plans)[PlanName];
export type PlanQuota = Exclude<keyof Plan, 'label' | 'priceMonthlyUsd'>;

export const PLAN_NAMES = Object.keys(plans) as PlanName[];
/** The plans a user can hold (anonymous is the visitor without an account). */
export const PAID_PLANS = ['pro', 'business'] as const;

export function planOf(name: PlanName): Plan {
  return plans[name];
}

export function allPlans(): Record<PlanName, Plan> {
  return plans;
}

/** The counters a plan's quotas are enforced with (shared names: a plan change keeps the counts). */
export function planRules(name: PlanName) {
  return RULES[name];
}

const rulesOf = (plan: Plan) => ({
  apiCallsPerMinute: Object.freeze({
    name: 'API calls',
    points: plan.apiCallsPerMinute,
    seconds: 60,
  }),
  apiCallsPerDay: Object.freeze({
    name: 'API calls',
    points: plan.apiCallsPerDay,
    seconds: 86_400,
  }),
  searchesPerDay: Object.freeze({ name: 'searches', points: plan.searchesPerDay, seconds: 86_400 }),
});

/** Built once: every request asks for its plan's rules, and limiters may key tallies by rule. */
const RULES = Object.fromEntries(PLAN_NAMES.map((name) => [name, rulesOf(plans[name])])) as Record<
  PlanName,
  ReturnType<typeof rulesOf>
>;
