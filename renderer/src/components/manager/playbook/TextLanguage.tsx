import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { languageName } from './labels';

interface Props {
  /** The languages the template has texts in, its own first. */
  languages: string[];
  own: string;
  store: string;
  value: string;
  onChange(language: string): void;
  /** Starts texts in the store's language, when the template has none yet. */
  onAddStore(): void;
}

/**
 * Which language's texts the manager is editing. The others stay as they are and are saved with it: a customer who
 * prefers one of them hears it, everyone else the store's language, else the template's own.
 */
export function TextLanguage({ languages, own, store, value, onChange, onAddStore }: Props) {
  const fmt = useFormat();
  const { t, i18n } = useTranslation();
  const name = (l: string) => languageName(l, i18n.language);
  const fallback = store === own ? name(own) : t('playbook.language.fallback', { store: name(store), own: name(own) });
  const note = (l: string) =>
    [l === store && t('playbook.language.store'), l === own && t('playbook.language.own')].filter(Boolean).join(', ');
  return (
    <div className="pb-lang">
      <label className="field">
        <span className="field-label">{t('playbook.language.label')}</span>
        <select value={value} onChange={(e) => onChange(e.target.value)} aria-describedby="pb-lang-help">
          {languages.map((l) => (
            <option key={l} value={l}>
              {name(l)}
              {note(l) && ` (${note(l)})`}
            </option>
          ))}
        </select>
      </label>
      {!languages.includes(store) && (
        <button type="button" className="btn btn-small" onClick={onAddStore}>
          {t('playbook.language.add', { language: name(store) })}
        </button>
      )}
      <p id="pb-lang-help" className="muted small">
        {languages.length > 1 && `${t('playbook.language.speaks', { languages: fmt.list(languages.map(name)) })} `}
        {t('playbook.language.help', { fallback })}
      </p>
    </div>
  );
}
