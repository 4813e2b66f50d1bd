import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Format } from '@common/format';
import type { PlaybookList, PlaybookListItem } from '@common/playbook';
import { call } from '../../../api/client';
import type { Loaded } from '../../../hooks/useLoad';
import { useFormat } from '../../../lib/format';
import { useFeedback } from '../../../state/feedback';
import { useStore } from '../../../state/store';
import { importSummary, kindName, percent } from './labels';
import { exportPlaybook, importPlaybookFile } from './transfer';
import { UsageChart } from './UsageChart';
import { FormError } from '../../FormError';
import { TableHead } from '../shared/TableHead';

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

/** Every word typed is in the title, the id or the kind's name as the screen shows it. */
const matches = (t: TFunction, item: PlaybookListItem, f: Filter) => {
  const words = f.text.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${item.title} ${item.id} ${kindName(t, item.kind)}`.toLocaleLowerCase();
  return (!f.kind || item.kind === f.kind) && words.every((w) => hay.includes(w));
};

export function TemplateList({ list, filter, onFilter, onEdit }: Props) {
  const { info } = useStore();
  const fmt = useFormat();
  const { t } = useTranslation();
  const { announce, showError } = useFeedback();
  const [busy, setBusy] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const templates = useMemo(
    () => (list.data?.templates ?? []).filter((item) => matches(t, item, filter)),
    [list.data, filter, t],
  );
  const kinds = list.data?.catalog.kinds ?? [];

  const toggle = async (item: PlaybookListItem) => {
    setBusy(item.id);
    try {
      const saved = await call('playbook.setEnabled', { id: item.id, enabled: !item.enabled });
      const said = { title: item.title, version: saved.version };
      announce(saved.enabled ? t('playbook.enabledAnnounce', said) : t('playbook.disabledAnnounce', said));
      list.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const onExport = async () => {
    try {
      announce(t('playbook.exported', { file: await exportPlaybook(info.storeId, fmt.today()) }));
    } catch (err) {
      showError(err);
    }
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      announce(importSummary(t, fmt, await importPlaybookFile(file)));
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div className="pb">
      <div className="pb-head">
        <div>
          <h2 id="pb-h">{t('manager.tab.playbook')}</h2>
          <p className="muted small">{t('playbook.lead')}</p>
        </div>
        <div className="pb-actions">
          <button type="button" className="btn btn-small" onClick={() => void onExport()}>
            {t('playbook.export')}
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
              {t('playbook.import')}
            </label>
          </span>
        </div>
      </div>

      <FormError message={list.error} />
      {list.data && <UsageChart templates={list.data.templates} />}

      <search className="pb-filters" aria-label={t('playbook.filters')}>
        <label className="field pb-filter-text">
          <span className="field-label">{t('playbook.find')}</span>
          <input
            type="search"
            value={filter.text}
            placeholder={t('playbook.findPlaceholder')}
            onChange={(e) => onFilter({ ...filter, text: e.target.value })}
          />
        </label>
        <label className="field pb-filter-kind">
          <span className="field-label">{t('playbook.kindFilter')}</span>
          <select value={filter.kind} onChange={(e) => onFilter({ ...filter, kind: e.target.value })}>
            <option value="">{t('playbook.allKinds')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindName(t, k)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small pb-count" aria-live="polite">
          {list.data
            ? t('playbook.count', { shown: templates.length, count: list.data.templates.length })
            : t('playbook.loading')}
        </p>
      </search>

      <div className="pb-table-wrap mgr-card">
        <table className="pb-table" aria-labelledby="pb-h">
          <TableHead
            columns={[
              t('playbook.col.template'),
              t('playbook.col.kind'),
              { label: t('playbook.col.priority'), numeric: true },
              t('playbook.col.enabled'),
              { label: t('playbook.col.version'), numeric: true },
              { label: t('playbook.col.shown'), numeric: true },
              { label: t('playbook.col.used'), numeric: true },
              t('playbook.col.success'),
            ]}
          />
          <tbody>
            {templates.map((item) => (
              <tr key={item.id} className={item.enabled ? undefined : 'is-disabled'} data-template-id={item.id}>
                <th scope="row">
                  <button
                    type="button"
                    className="pb-title-btn"
                    onClick={() => onEdit(item.id)}
                    aria-label={t('playbook.edit', { title: item.title })}
                  >
                    {item.title}
                  </button>
                  <span className="pb-id">{item.id}</span>
                  {item.offer && <span className="badge pb-badge-offer">{t('playbook.offer')}</span>}
                  {item.usage.used === 0 && <span className="badge pb-badge-never">{t('playbook.neverUsed')}</span>}
                </th>
                <td>{kindName(t, item.kind)}</td>
                <td className="num">{fmt.number(item.priority)}</td>
                <td>
                  <label className="pb-switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={item.enabled}
                      aria-checked={item.enabled}
                      disabled={busy === item.id}
                      onChange={() => void toggle(item)}
                      aria-label={t('playbook.enabledOf', { title: item.title })}
                    />
                    <span aria-hidden="true">{item.enabled ? t('playbook.on') : t('playbook.off')}</span>
                  </label>
                </td>
                <td className="num">{t('playbook.version', { version: fmt.number(item.version) })}</td>
                <td className="num">{fmt.number(item.usage.shown)}</td>
                <td className="num">{fmt.number(item.usage.used)}</td>
                <td>
                  <SuccessMeter item={item} t={t} fmt={fmt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && templates.length === 0 && <p className="empty-note pb-empty">{t('playbook.empty')}</p>}
      </div>
    </div>
  );
}

/** Raw success rate next to a bar of the cautious estimate the ranking uses. */
function SuccessMeter({ item, t, fmt }: { item: PlaybookListItem; t: TFunction; fmt: Format }) {
  const u = item.usage;
  const label =
    u.used === 0
      ? t('playbook.notUsedYet')
      : t('playbook.success', {
          rate: percent(fmt, u.successRate),
          count: u.used,
          estimate: percent(fmt, u.estimate),
        });
  return (
    <span className="pb-meter" title={label}>
      <span className="pb-meter-bar" aria-hidden="true">
        <span
          style={{ width: `${Math.round(Math.max(0, u.estimate) * 100)}%` }}
          className={u.used === 0 ? 'is-prior' : undefined}
        />
      </span>
      <span className="pb-meter-text">
        {u.used === 0 ? '—' : percent(fmt, u.successRate)}
        <span className="sr-only">{`: ${label}`}</span>
      </span>
    </span>
  );
}
