import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerHit } from '@common/domain';
import { call } from '../../api/client';
import { useCustomerSearch } from '../../hooks/useCustomerSearch';
import { useScanDetector } from '../../hooks/useScanDetector';
import { useFormat } from '../../lib/format';
import { prefillFrom, type Prefill } from '../../lib/prefill';
import { useFeedback } from '../../state/feedback';
import { useStore } from '../../state/store';
import { ResultHeaders, ResultOption, type SearchOption } from './ResultOption';
import './results.css';
import './search.css';

export interface SearchHandle {
  focus(selectAll?: boolean): void;
  /** Timing of a key that was typed elsewhere and redirected here (type-to-search), for scan detection. */
  noteKey(key: string, at: number): void;
}

interface Props {
  ref?: Ref<SearchHandle>;
  onOpen(hit: CustomerHit): void;
  onCreate(prefill: Prefill): void;
  /** ↓ with nothing typed: leaves the box for a list below it (the home view's follow-ups); false when there is none. */
  onDownFromEmpty?: () => boolean;
}

type Option = SearchOption;

const LISTBOX_ID = 'search-results';
const optionId = (i: number) => `search-option-${i}`;

export function SearchBox({ ref, onOpen, onCreate, onDownFromEmpty }: Props) {
  const { info } = useStore();
  const { announce, showError } = useFeedback();
  const { t } = useTranslation();
  const fmt = useFormat();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [cardMiss, setCardMiss] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const openWhenReady = useRef(false);
  const search = useCustomerSearch(query);
  const scan = useScanDetector(info.card);
  const q = query.trim();

  useImperativeHandle(ref, () => ({
    focus(selectAll = true) {
      input.current?.focus();
      if (selectAll) input.current?.select();
    },
    noteKey: scan.noteKey,
  }));

  const createPrefill: Prefill = cardMiss && cardMiss === q ? { loyaltyId: cardMiss } : prefillFrom(q);
  // The same option objects for the same hits, so a key that only changes the box re-renders no result row.
  const hitOptions = useMemo(() => search.hits.map((hit): Option => ({ type: 'hit', hit })), [search.hits]);
  const options: Option[] = q ? [...hitOptions, { type: 'create', prefill: createPrefill }] : [];
  const expanded = open && q.length > 0;

  const choose = (o: Option | undefined) => {
    if (!o) return;
    setOpen(false);
    if (o.type === 'hit') onOpen(o.hit);
    else onCreate(o.prefill);
  };
  // Stable for the memoised rows; each reads the options of the latest render.
  const latest = useRef({ options, choose });
  latest.current = { options, choose };
  const pointAt = useCallback((i: number) => setActive(i), []);
  const chooseAt = useCallback((i: number) => latest.current.choose(latest.current.options[i]), []);

  // New results: the best match is highlighted, so Enter opens it; the count is read out.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new answer triggers this, not a re-render with new callbacks
  useEffect(() => {
    setActive(0);
    // An answer to a query typed past is shown dimmed while the newest is asked; Enter waits for the newest.
    if (!search.query || search.pending) return;
    if (openWhenReady.current) {
      openWhenReady.current = false;
      const first = search.hits[0];
      if (first) {
        setOpen(false);
        onOpen(first);
        return;
      }
    }
    if (document.activeElement === input.current) {
      announce(
        search.error
          ? search.error
          : search.hits.length
            ? t('search.found', { count: search.hits.length })
            : t('search.noneFound'),
      );
    }
  }, [search.query, search.hits, search.error, search.pending]);

  useEffect(() => {
    if (expanded) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, expanded]);

  const openCard = async (code: string) => {
    try {
      const hit = await call('customers.byCard', { loyaltyId: code });
      if (hit) {
        setQuery('');
        setOpen(false);
        setCardMiss(null);
        onOpen(hit);
        announce(t('search.cardOpened', { card: code, name: hit.displayName }));
      } else {
        setCardMiss(code);
        setOpen(true);
        announce(t('search.noCard', { card: code }));
      }
    } catch (err) {
      showError(err);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = (d: number) => {
      e.preventDefault();
      if (!expanded) return setOpen(true);
      setActive((a) => Math.max(0, Math.min(options.length - 1, a + d)));
    };
    switch (e.key) {
      case 'ArrowDown':
        if (!q && onDownFromEmpty?.()) return e.preventDefault();
        return step(1);
      case 'ArrowUp':
        return step(-1);
      case 'PageDown':
        return step(5);
      case 'PageUp':
        return step(-5);
      case 'Enter': {
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        e.preventDefault();
        const code = scan.scanned(query, e.timeStamp);
        if (code) return void openCard(code);
        if (!q) return;
        if (search.pending) openWhenReady.current = true;
        else choose(options[active]);
        return;
      }
      case 'Escape':
        if (query) {
          e.preventDefault();
          setQuery('');
          setCardMiss(null);
          setOpen(false);
          openWhenReady.current = false;
        }
        return;
      default:
        if (!e.ctrlKey && !e.metaKey && !e.altKey) scan.noteKey(e.key, e.timeStamp);
    }
  };

  const status = !q
    ? ''
    : search.error
      ? search.error
      : search.pending && search.query !== q && search.hits.length === 0
        ? t('search.searching')
        : search.hits.length
          ? search.hits.length >= 20
            ? t('search.countBest', { count: search.hits.length })
            : t('search.count', { count: search.hits.length })
          : t('search.noMatch', { query: q });

  return (
    <div className="search">
      <label htmlFor="customer-search" className="search-label">
        {t('search.label')}
      </label>
      <div className="search-field">
        <input
          id="customer-search"
          ref={input}
          type="search"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={LISTBOX_ID}
          aria-autocomplete="list"
          aria-activedescendant={expanded && options[active] ? optionId(active) : undefined}
          aria-describedby="search-hint"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('search.placeholder')}
          value={query}
          maxLength={200}
          onChange={(e) => {
            setQuery(e.target.value);
            setCardMiss(null);
            setOpen(true);
            openWhenReady.current = false;
          }}
          onKeyDown={onKeyDown}
          onFocus={() => q && setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <span id="search-hint" className="search-hint">
          <kbd>↑</kbd>
          <kbd>↓</kbd> {t('search.hintChoose')} · <kbd>Enter</kbd> {t('search.hintOpen')} · <kbd>Esc</kbd>{' '}
          {t('search.hintClear')}
        </span>
      </div>
      <div className={`search-dropdown${expanded ? ' is-open' : ''}`}>
        {expanded && (
          <p className={`search-status${search.pending ? ' is-pending' : ''}`}>
            {cardMiss === q ? `${t('search.noCard', { card: cardMiss })} ` : ''}
            {status}
          </p>
        )}
        {expanded && search.hits.length > 0 && <ResultHeaders />}
        <ul
          id={LISTBOX_ID}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern's listbox; options stay li elements
          role="listbox"
          aria-label={t('search.results')}
          className={`results${search.pending ? ' is-stale' : ''}`}
          aria-busy={search.pending}
          // Which query the shown options answer: lets a benchmark (and a test) tell the new answer from the old one.
          data-answers={search.query}
          hidden={!expanded}
        >
          {expanded &&
            options.map((o, i) => (
              <ResultOption
                key={o.type === 'hit' ? o.hit.id : 'create'}
                id={optionId(i)}
                index={i}
                option={o}
                query={o.type === 'create' ? q : ''}
                selected={i === active}
                card={info.card}
                t={t}
                fmt={fmt}
                onPointer={pointAt}
                onChoose={chooseAt}
              />
            ))}
        </ul>
      </div>
    </div>
  );
}
