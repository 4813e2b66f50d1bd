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
  const fallback =
    store === own ? languageName(own) : `${languageName(store)} when it has it, else ${languageName(own)}`;
  const note = (l: string) =>
    [l === store && 'the store’s language', l === own && 'the template’s own'].filter(Boolean).join(', ');
  return (
    <div className="pb-lang">
      <label className="field">
        <span className="field-label">Language of the texts</span>
        <select value={value} onChange={(e) => onChange(e.target.value)} aria-describedby="pb-lang-help">
          {languages.map((l) => (
            <option key={l} value={l}>
              {languageName(l)}
              {note(l) && ` (${note(l)})`}
            </option>
          ))}
        </select>
      </label>
      {!languages.includes(store) && (
        <button type="button" className="btn btn-small" onClick={onAddStore}>
          Add {languageName(store)} texts
        </button>
      )}
      <p id="pb-lang-help" className="muted small">
        {languages.length > 1 ? `This template speaks ${fmt.list(languages.map(languageName))}. ` : ''}A customer who
        prefers one of its languages hears that one; everyone else hears {fallback}. Saving keeps every language.
      </p>
    </div>
  );
}
