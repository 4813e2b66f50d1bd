/**
 * How suggestions are ordered. A score is
 *
 *   priority                     the template's situation priority (service recovery ~90, small talk ~30)
 * + RECENCY_WEIGHT · ½^(age/14)  the freshest fact it rests on: an issue from yesterday beats one from last season
 * + LEARN_WEIGHT · (cautious success estimate − the estimate of a template nobody has used yet)
 *
 * The success estimate is Bayesian. Successes of a template in this store and communication style are counted
 * against a Beta prior centred on the template's rate everywhere else (all other stores and styles, itself smoothed
 * with Beta(2,2)), worth PRIOR_STRENGTH uses. The estimate used is the posterior mean minus one posterior standard
 * deviation: two lucky uses leave it uncertain, so it cannot overtake a template that has proven itself over dozens
 * of uses. A template nobody has used scores exactly priority + recency; learning moves a score by roughly −6..+14,
 * so it reorders situations of similar weight and never lifts small talk above an unresolved complaint.
 */
export const PRIOR_STRENGTH = 4;
export const LEARN_WEIGHT = 20;
export const RECENCY_WEIGHT = 10;
export const RECENCY_HALF_LIFE_DAYS = 14;

export interface Evidence {
  /** Uses and successes in this store and style. */
  used: number;
  successes: number;
  /** Uses and successes of the same template in every other store and style. */
  otherUsed: number;
  otherSuccesses: number;
}

export const NO_EVIDENCE: Evidence = { used: 0, successes: 0, otherUsed: 0, otherSuccesses: 0 };

export function posterior(e: Evidence): { alpha: number; beta: number; mean: number; sd: number } {
  const priorMean = (e.otherSuccesses + 2) / (e.otherUsed + 4);
  const successes = Math.min(Math.max(e.successes, 0), Math.max(e.used, 0));
  const alpha = successes + PRIOR_STRENGTH * priorMean;
  const beta = Math.max(e.used, 0) - successes + PRIOR_STRENGTH * (1 - priorMean);
  const n = alpha + beta;
  return { alpha, beta, mean: alpha / n, sd: Math.sqrt((alpha * beta) / (n * n * (n + 1))) };
}

/** Posterior mean minus one standard deviation: a success rate the evidence makes likely, not merely possible. */
export function cautiousRate(e: Evidence): number {
  const p = posterior(e);
  return p.mean - p.sd;
}

const BASELINE = cautiousRate(NO_EVIDENCE);

export function learnedBoost(e: Evidence): number {
  return LEARN_WEIGHT * (cautiousRate(e) - BASELINE);
}

export function recencyBoost(ageDays: number | null): number {
  if (ageDays === null) return 0;
  return RECENCY_WEIGHT * 0.5 ** (Math.max(0, ageDays) / RECENCY_HALF_LIFE_DAYS);
}

export function score(priority: number, ageDays: number | null, evidence: Evidence): number {
  return Math.round((priority + recencyBoost(ageDays) + learnedBoost(evidence)) * 100) / 100;
}
