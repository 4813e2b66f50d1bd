import { useMemo } from 'react';
import type { PlaybookCatalog, PlaybookTemplateDraft } from '../../../../../common/playbook';
import { fromRows, toRows } from './condition-rows';
import { ConditionRows } from './ConditionRows';
import { summarize, type SummaryLine } from './labels';

interface Props {
  value: string;
  onChange(text: string): void;
  /** The parsed draft, or null while the text is not JSON. */
  draft: PlaybookTemplateDraft | null;
  catalog: PlaybookCatalog;
}

function safeSummary(draft: PlaybookTemplateDraft | null): SummaryLine[] | null {
  if (!draft) return null;
  try {
    return summarize(draft.conditions);
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
  const lines = useMemo(() => safeSummary(draft), [draft]);
  const rows = useMemo(() => (draft ? toRows(draft.conditions) : null), [draft]);
  return (
    <fieldset className="pb-card">
      <legend className="pb-card-title">When to suggest it</legend>
      {rows ? (
        <ConditionRows
          rows={rows}
          fields={catalog.fields}
          onChange={(r) => onChange(JSON.stringify(fromRows(r, catalog.fields), null, 2))}
        />
      ) : (
        <p className="muted small" data-testid="pb-rows-unavailable">
          {draft
            ? 'These conditions are nested (a group in a group, or “not”): edit them as JSON below.'
            : 'Rows are shown again once the JSON below is valid.'}
        </p>
      )}
      <div className="pb-conditions">
        <label className="field">
          <span className="field-label">Conditions (JSON)</span>
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
          <h3 className="pb-mini-h">In words</h3>
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
              <p className="muted small">Shown once the conditions are valid JSON.</p>
            )}
          </div>
        </div>
      </div>
      <p id="pb-cond-help" className="muted small">
        A condition is <code>{'{"all": [...]}'}</code>, <code>{'{"any": [...]}'}</code>, <code>{'{"not": {...}}'}</code>{' '}
        or <code>{'{"field": "visitCount", "op": ">=", "value": 3}'}</code>. A comparison with a fact the customer does
        not have is false; test for it with <code>exists</code> or <code>missing</code>.
      </p>
      <details className="pb-fields">
        <summary>Fields you can test ({catalog.fields.length})</summary>
        <table className="pb-ref">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Type</th>
              <th scope="col">Operators</th>
            </tr>
          </thead>
          <tbody>
            {catalog.fields.map((f) => (
              <tr key={f.name}>
                <th scope="row">
                  <code>{f.name}</code>
                </th>
                <td>{f.values ? `one of ${f.values.join(', ')}` : f.type}</td>
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
