import { useFormat } from '../../../lib/format';
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
  const fmt = useFormat();
  const from = total === 0 ? 0 : page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <nav className="pager" aria-label="Pages of the log">
      <p id={id} className="muted small">
        Rows {fmt.number(from)}–{fmt.number(to)} of {fmt.number(total)} · page {fmt.number(page + 1)} of{' '}
        {fmt.number(pages)}
      </p>
      <div className="pager-buttons">
        <button type="button" className="btn btn-small" onClick={() => onPage(0)} disabled={page === 0}>
          First
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(page - 1)} disabled={page === 0}>
          Previous
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(page + 1)} disabled={page >= pages - 1}>
          Next
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(pages - 1)} disabled={page >= pages - 1}>
          Last
        </button>
      </div>
    </nav>
  );
}
