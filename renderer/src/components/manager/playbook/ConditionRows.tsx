import { Trans, useTranslation } from 'react-i18next';
import type { PlaybookFieldInfo } from '@common/playbook';
import { needsValue, type ConditionRow, type ConditionRows as Rows } from './condition-rows';
import { fieldName, opWords } from './labels';

interface Props {
  rows: Rows;
  fields: PlaybookFieldInfo[];
  onChange(rows: Rows): void;
}

/** Field / operator / value rows under "all" or "any"; each control is labelled with its row number. */
export function ConditionRows({ rows, fields, onChange }: Props) {
  const { t } = useTranslation();
  const setRow = (i: number, patch: Partial<ConditionRow>) =>
    onChange({ ...rows, rows: rows.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const infoOf = (name: string) => fields.find((f) => f.name === name);
  const first = fields[0];

  return (
    <div className="pb-rows" data-testid="pb-condition-rows">
      <label className="field field-inline">
        <span className="field-label">{t('playbook.conditions.when')}</span>
        <select value={rows.join} onChange={(e) => onChange({ ...rows, join: e.target.value as Rows['join'] })}>
          <option value="all">{t('playbook.conditions.joinAll')}</option>
          <option value="any">{t('playbook.conditions.joinAny')}</option>
        </select>
      </label>
      {rows.rows.length === 0 && (
        <p className="muted small">
          {rows.join === 'all' ? t('playbook.conditions.noneAll') : t('playbook.conditions.noneAny')}
        </p>
      )}
      <ol className="pb-row-list">
        {rows.rows.map((r, i) => {
          const info = infoOf(r.field);
          const n = i + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; after Remove the focus stays on the row now in that place
            <li key={i} className="pb-row">
              <select
                aria-label={t('playbook.conditions.rowField', { n })}
                value={r.field}
                onChange={(e) => {
                  const ops = infoOf(e.target.value)?.operators ?? [];
                  setRow(i, { field: e.target.value, op: ops.includes(r.op) ? r.op : (ops[0] ?? r.op) });
                }}
              >
                {!info && <option value={r.field}>{r.field}</option>}
                {fields.map((f) => (
                  <option key={f.name} value={f.name}>
                    {fieldName(t, f.name)}
                  </option>
                ))}
              </select>
              <select
                aria-label={t('playbook.conditions.rowOp', { n })}
                value={r.op}
                onChange={(e) => setRow(i, { op: e.target.value })}
              >
                {(info?.operators ?? [r.op]).map((op) => (
                  <option key={op} value={op}>
                    {opWords(t, op)}
                  </option>
                ))}
              </select>
              {needsValue(r.op) &&
                (info?.type === 'boolean' ? (
                  <select
                    aria-label={t('playbook.conditions.rowValue', { n })}
                    value={r.value}
                    onChange={(e) => setRow(i, { value: e.target.value })}
                  >
                    <option value="">—</option>
                    <option value="true">{t('playbook.conditions.yes')}</option>
                    <option value="false">{t('playbook.conditions.no')}</option>
                  </select>
                ) : (
                  <input
                    aria-label={t(
                      r.op === 'in' || r.op === 'notIn'
                        ? 'playbook.conditions.rowValues'
                        : 'playbook.conditions.rowValue',
                      { n },
                    )}
                    type="text"
                    inputMode={info?.type === 'number' ? 'numeric' : undefined}
                    list={info?.values ? `pb-values-${i}` : undefined}
                    value={r.value}
                    onChange={(e) => setRow(i, { value: e.target.value })}
                  />
                ))}
              {info?.values && (
                <datalist id={`pb-values-${i}`}>
                  {info.values.map((v) => (
                    <option key={v} value={v} />
                  ))}
                </datalist>
              )}
              <button
                type="button"
                className="btn btn-small btn-quiet"
                onClick={() => onChange({ ...rows, rows: rows.rows.filter((_, j) => j !== i) })}
              >
                <Trans
                  i18nKey="playbook.conditions.remove"
                  values={{ n }}
                  components={{ sr: <span className="sr-only" /> }}
                />
              </button>
            </li>
          );
        })}
      </ol>
      {first && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            onChange({
              ...rows,
              rows: [...rows.rows, { field: first.name, op: first.operators[0] ?? '==', value: '' }],
            })
          }
        >
          {t('playbook.conditions.add')}
        </button>
      )}
    </div>
  );
}
