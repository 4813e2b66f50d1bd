import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import type { Format } from '@common/format';
import type { PlaybookCatalog, PlaybookTemplateDraft } from '@common/playbook';
import { useFormat } from '../../../lib/format';
import { fromRows, toRows } from './condition-rows';
import { ConditionRows } from './ConditionRows';
import { summarize, typeName, type SummaryLine } from './labels';

interface Props {
  value: string;
  onChange(text: string): void;
  /** The parsed draft, or null while the text is not JSON. */
  draft: PlaybookTemplateDraft | null;
  catalog: PlaybookCatalog;
}

/** The condition forms the help names, as the playbook file writes them. */
const FORMS = {
  all: '{"all": [...]}',
  any: '{"any": [...]}',
  not: '{"not": {...}}',
  field: '{"field": "visitCount", "op": ">=", "value": 3}',
};

function safeSummary(t: TFunction, f: Format, draft: PlaybookTemplateDraft | null): SummaryLine[] | null {
  if (!draft) return null;
  try {
    return summarize(t, f, draft.conditions);
  } catch {
    // Half-typed structures ({"all": 3}) have no summary yet; the server's message says what is wrong.
    return null;
  }
}

/**
 * Conditions as field / operator / value rows where they are one level deep, and always as JSON (the playbook file's
 * own format), with a summary in words and the fields they can test. Both edit the same text.
 */
export function ConditionEditor({ value, onChange, draft, catalog }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lines = useMemo(() => safeSummary(t, fmt, draft), [t, fmt, draft]);
  const rows = useMemo(() => (draft ? toRows(draft.conditions) : null), [draft]);
  return (
    <fieldset className="pb-card mgr-card">
      <legend className="pb-card-title">{t('playbook.conditions.legend')}</legend>
      {rows ? (
        <ConditionRows
          rows={rows}
          fields={catalog.fields}
          onChange={(r) => onChange(JSON.stringify(fromRows(r, catalog.fields), null, 2))}
        />
      ) : (
        <p className="muted small" data-testid="pb-rows-unavailable">
          {draft ? t('playbook.conditions.nested') : t('playbook.conditions.rowsAgain')}
        </p>
      )}
      <div className="pb-conditions">
        <label className="field">
          <span className="field-label">{t('playbook.conditions.json')}</span>
          <textarea
            className="pb-code"
            rows={Math.min(14, Math.max(5, value.split('\n').length))}
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby="pb-cond-help pb-cond-summary"
          />
        </label>
        <div className="pb-cond-side">
          <h3 className="pb-mini-h">{t('playbook.conditions.inWords')}</h3>
          <div id="pb-cond-summary" data-testid="pb-condition-summary">
            {lines ? (
              <ul className="pb-summary">
                {lines.map((l, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: read-only lines rebuilt whole from the text on each change
                  <li key={i} style={{ paddingLeft: `${l.depth * 14}px` }}>
                    {l.text}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">{t('playbook.conditions.wordsLater')}</p>
            )}
          </div>
        </div>
      </div>
      <p id="pb-cond-help" className="muted small">
        <Trans i18nKey="playbook.conditions.help" values={FORMS} components={{ code: <code /> }} />
      </p>
      <details className="pb-fields">
        <summary>{t('playbook.conditions.fields', { count: catalog.fields.length })}</summary>
        <table className="pb-ref">
          <thead>
            <tr>
              <th scope="col">{t('playbook.conditions.colField')}</th>
              <th scope="col">{t('playbook.conditions.colType')}</th>
              <th scope="col">{t('playbook.conditions.colOperators')}</th>
            </tr>
          </thead>
          <tbody>
            {catalog.fields.map((f) => (
              <tr key={f.name}>
                <th scope="row">
                  <code>{f.name}</code>
                </th>
                <td>
                  {f.values ? t('playbook.conditions.oneOf', { values: f.values.join(', ') }) : typeName(t, f.type)}
                </td>
                <td>
                  <code>{f.operators.join('  ')}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </fieldset>
  );
}
