// Guided recovery of a complaint: the clerk's goodwill authority, the suggested remedy, and the grant itself, which
// is written by logInteraction inside the interaction's own transaction (see there). This module decides; it never
// writes an interaction.
import type { Clerk, Tier } from '@common/domain';
import { AppError, words } from '@common/errors';
import { createFormat } from '@common/format';
import { FALLBACK_LANGUAGE, type Language } from '@common/i18n';
import { unitsToMinor } from '@common/money';
import { ROLE_RANK } from '@common/permissions';
import {
  APOLOGY_BY_STYLE,
  parseRemedyRule,
  TIERS_IN_ORDER,
  DEFAULT_REMEDY_RULES,
  type GoodwillAuthority,
  type RecoveryGuide,
  type RemedyRule,
  type Severity,
} from '@common/recovery';
import type { SettingKey } from '@common/settings';
import { text } from '@common/words';
import { customersRepo } from '../db/customers.repo';
import { preparedFor } from '../db/prepared';
import type { ServiceContext } from './context';
import { tierBasis, tierFor } from './customers';
import { settingValue } from './store-settings';
import { chooseLanguage, preferredLanguage, storeLanguage } from './suggestions/language';
import { daysBetween, localDay } from './time';

export const recoveryRepo = preparedFor((db: ServiceContext['db']) => ({
  /** What a clerk granted on their own authority on one store-local day (index interactions_goodwill_day). */
  grantedOnOwn: db.prepare<[number, string], { total: number }>(
    `SELECT coalesce(sum(recovery_amount_minor), 0) AS total FROM interactions
     WHERE clerk_id = ? AND local_day = ? AND recovery_amount_minor > 0 AND goodwill_approved_by IS NULL`,
  ),
}));

const wholeUnits = (ctx: ServiceContext, key: SettingKey): number => Number(settingValue(ctx, key));
/** A limit set in whole units of the store's currency, in its minor units (×100 for EUR, ×1 for JPY). */
const minorOf = (ctx: ServiceContext, units: number): number => unitsToMinor(units, ctx.config.currency);

/** The clerk's limits today and what they have granted on their own so far; managers and admins have no limit. */
export function goodwillAuthority(
  ctx: ServiceContext,
  clerk: Clerk,
  day = localDay(ctx.now(), ctx.config.timeZone),
): GoodwillAuthority {
  const grantedTodayMinor = recoveryRepo(ctx.db).grantedOnOwn.get(clerk.id, day)!.total;
  if (ROLE_RANK[clerk.role] >= ROLE_RANK.manager)
    return { perInteractionMinor: null, perDayMinor: null, grantedTodayMinor };
  return {
    perInteractionMinor: minorOf(ctx, wholeUnits(ctx, 'goodwillClerkPerInteraction')),
    perDayMinor: minorOf(ctx, wholeUnits(ctx, 'goodwillClerkPerDay')),
    grantedTodayMinor,
  };
}

/** The refusal a clerk gets above their authority: what is needed, and the limits that apply. */
export function approvalNeeded(ctx: ServiceContext, a: GoodwillAuthority, amountMinor: number): AppError {
  const formatMoney = createFormat(ctx.config).money;
  // Amounts in the store's format: the words are the store's language too (the dispatcher words them in it).
  const values = {
    amount: formatMoney(amountMinor),
    perComplaint: formatMoney(a.perInteractionMinor ?? 0),
    perDay: formatMoney(a.perDayMinor ?? 0),
    left: formatMoney(Math.max(0, (a.perDayMinor ?? 0) - a.grantedTodayMinor)),
  };
  const limits = a.perDayMinor === null ? 'perComplaint' : a.perInteractionMinor === null ? 'perDay' : 'both';
  return new AppError('FORBIDDEN', words(`recovery.needsApproval.${limits}`, values));
}

const SETTING_OF: Record<Severity, SettingKey> = {
  minor: 'remedyMinor',
  serious: 'remedySerious',
  severe: 'remedySevere',
};

/** The manager's rule for a severity; a stored rule that no longer parses falls back to the default. */
export function remedyRule(ctx: ServiceContext, severity: Severity): RemedyRule {
  const parsed = parseRemedyRule(String(settingValue(ctx, SETTING_OF[severity])));
  return parsed.ok ? parsed.rule : DEFAULT_REMEDY_RULES[severity];
}

/** The customer's standing as the table reads it: the tier, lifted one step for a long-standing customer. */
export interface Standing {
  tier: Tier;
  /** The column of the table used: the tier, or the next one up for a long-standing customer. */
  column: Tier;
  years: number | null;
  visits: number;
}

export function standingOf(ctx: ServiceContext, customerId: number | null): Standing {
  if (customerId === null) return { tier: 'new', column: 'new', years: null, visits: 0 };
  const row = customersRepo(ctx.db).byId.get(customerId);
  if (!row) throw new AppError('NOT_FOUND', words('customers.notFound', { id: customerId }));
  const basis = tierBasis(row);
  const tier = tierFor(ctx, basis.spendCents, basis.visits);
  const today = localDay(ctx.now(), ctx.config.timeZone);
  const years = Math.max(
    0,
    Math.floor(daysBetween(localDay(new Date(row.created_at), ctx.config.timeZone), today) / 365.25),
  );
  const loyalYears = wholeUnits(ctx, 'remedyLoyalYears');
  const lifted = loyalYears > 0 && years >= loyalYears;
  const column = lifted ? TIERS_IN_ORDER[Math.min(TIERS_IN_ORDER.indexOf(tier) + 1, TIERS_IN_ORDER.length - 1)]! : tier;
  return { tier, column, years, visits: basis.visits };
}

/**
 * Severity × standing through the manager's table, with the reason in one line ("Serious · Gold · 6 years · 40 visits
 * → replacement or repair up to €25.00"). The reason is the clerk's: catalogue words, the amount in the store's format.
 */
export function suggestRemedy(
  ctx: ServiceContext,
  customerId: number | null,
  severity: Severity,
): RecoveryGuide['suggestion'] {
  const s = standingOf(ctx, customerId);
  const rule = remedyRule(ctx, severity);
  const upToMinor = minorOf(ctx, rule.upTo[s.column]);
  const common = {
    severity: text(`recovery.severity.${severity}`),
    remedies: rule.remedies.map((r) => text(`recovery.remedy.${r}`)),
    upTo: upToMinor > 0 ? text('recovery.why.upTo', { amount: createFormat(ctx.config).money(upToMinor) }) : '',
  };
  const why =
    customerId === null
      ? text('recovery.why.walkIn', common)
      : text('recovery.why.customer', {
          ...common,
          tier: text(`label.tier.${s.tier}`),
          years:
            s.years === null || s.years < 1
              ? text('recovery.why.underAYear')
              : text('recovery.why.years', { count: s.years }),
          visits: text('recovery.why.visits', { count: s.visits }),
          lifted: s.column !== s.tier ? text('recovery.why.lifted', { tier: text(`label.tier.${s.column}`) }) : '',
        });
  return { remedies: rule.remedies, upToMinor, why };
}

/** Everything the recovery steps of the log form show for one severity. */
export function recoveryGuide(
  ctx: ServiceContext,
  clerk: Clerk,
  customerId: number | null,
  severity: Severity,
): RecoveryGuide {
  const row = customerId === null ? undefined : customersRepo(ctx.db).byId.get(customerId);
  const style = (row?.style ?? 'unknown') as RecoveryGuide['style'];
  // Said aloud, so chosen like a suggestion's text: the customer's language when there is an apology in it, else the
  // store's; the apologies stand in for a template's texts per language.
  const { language } = chooseLanguage(
    { language: FALLBACK_LANGUAGE, translations: APOLOGY_BY_STYLE },
    { preferred: preferredLanguage(row?.language), store: storeLanguage(ctx.config.locale), who: null },
  );
  return {
    severity,
    suggestion: suggestRemedy(ctx, customerId, severity),
    authority: goodwillAuthority(ctx, clerk),
    // chooseLanguage answers one of the languages it was offered: the apologies' own.
    apology: APOLOGY_BY_STYLE[language as Language][style],
    language,
    style,
    currency: ctx.config.currency,
  };
}
