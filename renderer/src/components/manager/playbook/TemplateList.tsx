import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { PlaybookList, PlaybookListItem } from '../../../../../common/playbook';
import { call } from '../../../api/client';
import type { Loaded } from '../../../hooks/useLoad';
import { todayIn } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import { useStore } from '../../../state/store';
import { kindName, percent } from './labels';
import { exportPlaybook, importPlaybookFile, importSummary } from './transfer';
import { UsageChart } from './UsageChart';
import { FormError } from '../../FormError';

interface Filter {
  text: string;
  kind: string;
}

interface Props {
  list: Loaded<PlaybookList>;
  filter: Filter;
  onFilter(f: Filter): void;
  onEdit(id: string): void;
}

const matches = (t: PlaybookListItem, f: Filter) => {
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${t.title} ${t.id} ${kindName(t.kind)}`.toLowerCase();
  return (!f.kind || t.kind === f.kind) && words.every((w) => hay.includes(w));
};

export function TemplateList({ list, filter, onFilter, onEdit }: Props) {
  const { info } = useStore();
  const { announce, showError } = useFeedback();
  const [busy, setBusy] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const templates = useMemo(() => (list.data?.templates ?? []).filter((t) => matches(t, filter)), [list.data, filter]);
  const kinds = list.data?.catalog.kinds ?? [];

  const toggle = async (t: PlaybookListItem) => {
    setBusy(t.id);
    try {
      const saved = await call('playbook.setEnabled', { id: t.id, enabled: !t.enabled });
      announce(`${t.title} ${saved.enabled ? 'enabled' : 'disabled'} (version ${saved.version}).`);
      list.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const onExport = async () => {
    try {
      announce(`Playbook exported as ${await exportPlaybook(info.storeId, todayIn(info.timeZone))}.`);
    } catch (err) {
      showError(err);
    }
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      announce(importSummary(await importPlaybookFile(file)));
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div className="pb">
      <div className="pb-head">
        <div>
          <h2 id="pb-h">Playbook</h2>
          <p className="muted small">
            What the counter suggests, when, and in which words for each communication style.
          </p>
        </div>
        <div className="pb-actions">
          <button type="button" className="btn btn-small" onClick={() => void onExport()}>
            Export playbook
          </button>
          <span className="pb-file">
            <input
              ref={fileInput}
              id="pb-import"
              type="file"
              accept="application/json,.json"
              className="pb-file-input"
              onChange={(e) => void onImport(e)}
            />
            <label htmlFor="pb-import" className="btn btn-small">
              Import playbook…
            </label>
          </span>
        </div>
      </div>

      <FormError message={list.error} />
      {list.data && <UsageChart templates={list.data.templates} />}

      <search className="pb-filters" aria-label="Templates">
        <label className="field pb-filter-text">
          <span className="field-label">Find template</span>
          <input
            type="search"
            value={filter.text}
            placeholder="Title, id or kind"
            onChange={(e) => onFilter({ ...filter, text: e.target.value })}
          />
        </label>
        <label className="field pb-filter-kind">
          <span className="field-label">Kind</span>
          <select value={filter.kind} onChange={(e) => onFilter({ ...filter, kind: e.target.value })}>
            <option value="">All kinds</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small pb-count" aria-live="polite">
          {list.data ? `${templates.length} of ${list.data.templates.length} templates` : 'Loading templates…'}
        </p>
      </search>

      <div className="pb-table-wrap">
        <table className="pb-table" aria-labelledby="pb-h">
          <thead>
            <tr>
              <th scope="col">Template</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Priority
              </th>
              <th scope="col">Enabled</th>
              <th scope="col" className="num">
                Version
              </th>
              <th scope="col" className="num">
                Shown
              </th>
              <th scope="col" className="num">
                Used
              </th>
              <th scope="col">Success</th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.id} className={t.enabled ? undefined : 'is-disabled'} data-template-id={t.id}>
                <th scope="row">
                  <button
                    type="button"
                    className="pb-title-btn"
                    onClick={() => onEdit(t.id)}
                    aria-label={`Edit ${t.title}`}
                  >
                    {t.title}
                  </button>
                  <span className="pb-id">{t.id}</span>
                  {t.offer && <span className="badge pb-badge-offer">Offer</span>}
                  {t.usage.used === 0 && <span className="badge pb-badge-never">Never used</span>}
                </th>
                <td>{kindName(t.kind)}</td>
                <td className="num">{t.priority}</td>
                <td>
                  <label className="pb-switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={t.enabled}
                      aria-checked={t.enabled}
                      disabled={busy === t.id}
                      onChange={() => void toggle(t)}
                      aria-label={`Enabled: ${t.title}`}
                    />
                    <span aria-hidden="true">{t.enabled ? 'On' : 'Off'}</span>
                  </label>
                </td>
                <td className="num">v{t.version}</td>
                <td className="num">{t.usage.shown.toLocaleString('en-IE')}</td>
                <td className="num">{t.usage.used.toLocaleString('en-IE')}</td>
                <td>
                  <SuccessMeter item={t} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && templates.length === 0 && (
          <p className="empty-note pb-empty">No template matches these filters.</p>
        )}
      </div>
    </div>
  );
}

/** Raw success rate next to a bar of the cautious estimate the ranking uses. */
function SuccessMeter({ item }: { item: PlaybookListItem }) {
  const u = item.usage;
  const label =
    u.used === 0
      ? 'Not used yet'
      : `${percent(u.successRate)} of ${u.used} uses successful; estimate ${percent(u.estimate)}`;
  return (
    <span className="pb-meter" title={label}>
      <span className="pb-meter-bar" aria-hidden="true">
        <span
          style={{ width: `${Math.round(Math.max(0, u.estimate) * 100)}%` }}
          className={u.used === 0 ? 'is-prior' : undefined}
        />
      </span>
      <span className="pb-meter-text">
        {u.used === 0 ? '—' : percent(u.successRate)}
        <span className="sr-only">{`: ${label}`}</span>
      </span>
    </span>
  );
}
