import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  page: number;
  pages: number;
  total: number;
  pageSize: number;
  onPage(page: number): void;
}

/** First / previous / next / last, as plain buttons so Tab and Enter are all it takes. */
export function Pager({ id, page, pages, total, pageSize, onPage }: Props) {
  const { t } = useTranslation();
  const from = total === 0 ? 0 : page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <nav className="pager" aria-label={t('review.pager.label')}>
      <p id={id} className="muted small">
        {t('review.pager.rows', { from, to, total, page: page + 1, pages })}
      </p>
      <div className="pager-buttons">
        <button type="button" className="btn btn-small" onClick={() => onPage(0)} disabled={page === 0}>
          {t('review.pager.first')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(page - 1)} disabled={page === 0}>
          {t('review.pager.previous')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(page + 1)} disabled={page >= pages - 1}>
          {t('review.pager.next')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(pages - 1)} disabled={page >= pages - 1}>
          {t('review.pager.last')}
        </button>
      </div>
    </nav>
  );
}
