import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERACTION_KINDS, INTERACTION_OUTCOMES, type InteractionKind, type InteractionOutcome } from '@common/domain';
import type { PlaybookCatalog } from '@common/playbook';
import { ApiError, call, errorMessage } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useFeedback } from '../../../state/feedback';
import { ConditionEditor } from './ConditionEditor';
import { buildDraft, emptyTexts, formFrom, sameContent, withTexts, type TemplateForm } from './form';
import { kindName, resolvesName } from './labels';
import { PreviewPanel } from './PreviewPanel';
import { StyleTexts } from './StyleTexts';
import { TextLanguage } from './TextLanguage';
import { usePlaybookPreview } from './usePlaybookPreview';
import { VersionHistory } from './VersionHistory';
import { FormError } from '../../FormError';
import { dialogOpen } from '../../../lib/dialogs';

interface Props {
  id: string;
  catalog: PlaybookCatalog;
  onClose(): void;
  onSaved(): void;
}

export interface PreviewCustomer {
  id: number;
  displayName: string;
}

/** One template: its settings, conditions and texts, with a live preview for a chosen customer and its history. */
export function TemplateEditor({ id, catalog, onClose, onSaved }: Props) {
  const { announce } = useFeedback();
  const { t } = useTranslation();
  const kindNames = useMemo(
    () =>
      Object.fromEntries(INTERACTION_KINDS.map((k) => [k, t(`label.kind.${k}`)])) as Record<InteractionKind, string>,
    [t],
  );
  const outcomeNames = useMemo(
    () =>
      Object.fromEntries(INTERACTION_OUTCOMES.map((o) => [o, t(`label.outcome.${o}`)])) as Record<
        InteractionOutcome,
        string
      >,
    [t],
  );
  /** Why the conditions text is not JSON yet, with the parser's own detail when it gave one. */
  const notJson = useCallback(
    (detail: string) => (detail ? t('playbook.editor.notJsonDetail', { detail }) : t('playbook.editor.notJson')),
    [t],
  );
  const detail = useLoad(`playbook:${id}`, () => call('playbook.get', { id }));
  const [form, setForm] = useState<TemplateForm | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [customer, setCustomer] = useState<PreviewCustomer | null>(null);
  const [discardArmed, setDiscardArmed] = useState(false);
  // The language whose texts are on screen, as chosen for this template (another template starts afresh): without a
  // choice, the store's when the template has it, else the template's own.
  const [chosen, setChosen] = useState<{ id: string; language: string } | null>(null);
  const chosenLanguage = chosen?.id === id ? chosen.language : null;
  const setChosenLanguage = (language: string) => setChosen({ id, language });
  const heading = useRef<HTMLHeadingElement>(null);

  const loaded = detail.data;
  const version = loaded?.version;
  // A new version from the server replaces the form; typing does not.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new loaded object with the same id and version must not wipe the form being edited
  useEffect(() => {
    if (loaded) setForm(formFrom(loaded));
  }, [version, loaded?.id]);
  const ready = form !== null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: another template opened in place gets the focus on its heading too
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready, loaded?.id]);

  const editing = form ? editedLanguage(form, chosenLanguage, catalog.storeLanguage) : catalog.storeLanguage;
  const built = form ? buildDraft(form) : null;
  const preview = usePlaybookPreview(built?.draft ?? null, customer?.id ?? null, editing);
  const dirty = !!(form && loaded && !sameContent(form, formFrom(loaded)));

  const update = useCallback((patch: Partial<TemplateForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setSaveError(null);
    setDiscardArmed(false);
  }, []);

  const save = useCallback(async () => {
    if (!form || saving) return;
    const b = buildDraft(form);
    if (!b.draft) {
      setSaveError(notJson(b.jsonError));
      return;
    }
    setSaving(true);
    try {
      const saved = await call('playbook.save', { template: b.draft });
      setSaveError(null);
      announce(
        saved.version === loaded?.version
          ? t('playbook.editor.nothingToSave')
          : t('playbook.editor.saved', { title: saved.title, version: saved.version }),
      );
      detail.reload();
      onSaved();
    } catch (err) {
      setSaveError(
        err instanceof ApiError && err.code === 'VALIDATION'
          ? t('playbook.editor.notSaved', { message: err.message })
          : errorMessage(err),
      );
    } finally {
      setSaving(false);
    }
  }, [form, saving, announce, loaded?.version, detail, onSaved, t, notJson]);

  const restore = async (v: number) => {
    try {
      const saved = await call('playbook.restoreVersion', { id, version: v });
      announce(t('playbook.editor.restored', { from: v, version: saved.version }));
      detail.reload();
      onSaved();
    } catch (err) {
      setSaveError(errorMessage(err));
    }
  };

  // Ctrl+S would otherwise open the browser's "save page" dialog, wherever focus is.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S' || e.key === 'Enter')) {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || dialogOpen()) return;
    // Escape leaves the editor, not the back office; with unsaved changes it asks for a second press.
    e.stopPropagation();
    if (!dirty || discardArmed) onClose();
    else {
      setDiscardArmed(true);
      announce(t('playbook.editor.unsaved'));
    }
  };

  if (detail.error) {
    return (
      <div className="pb">
        <p className="form-error" role="alert">
          {detail.error}
        </p>
        <button type="button" className="btn" onClick={onClose}>
          {t('playbook.editor.backToAll')}
        </button>
      </div>
    );
  }
  if (!form || !loaded) return <p className="muted">{t('playbook.editor.loading')}</p>;

  const invalid = built?.draft === null ? notJson(built.jsonError) : preview.invalid;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the editor's shortcuts (Ctrl+S, Esc) bubble up from its fields; the wrapper is not a control
    <div className="pb pb-editor" onKeyDown={onKeyDown}>
      <div className="pb-head">
        <div>
          <button type="button" className="btn btn-quiet btn-small pb-back" onClick={onClose}>
            {t('playbook.editor.allTemplates')} <kbd>Esc</kbd>
          </button>
          <h2 ref={heading} tabIndex={-1} id="pb-editor-h">
            {loaded.title}
          </h2>
          <p className="muted small">
            <span className="pb-id">{loaded.id}</span> · {t('playbook.editor.version', { version: loaded.version })} ·{' '}
            {kindName(t, loaded.kind)}
            {dirty && <span className="badge pb-badge-dirty">{t('playbook.editor.unsavedBadge')}</span>}
          </p>
        </div>
        <div className="pb-actions">
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={saving}>
            {saving ? t('common.saving') : t('common.save')} <kbd>Ctrl+S</kbd>
          </button>
        </div>
      </div>

      <div aria-live="polite" className="pb-messages">
        <FormError message={saveError} />
        {!saveError && invalid && (
          <p className="form-error" data-testid="pb-invalid">
            <strong>{t('playbook.editor.checkFirst')}</strong> {invalid}
          </p>
        )}
      </div>

      <div className="pb-editor-grid">
        <form
          className="pb-form"
          aria-labelledby="pb-editor-h"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset className="pb-card mgr-card">
            <legend className="pb-card-title">{t('playbook.editor.settings')}</legend>
            <div className="pb-settings">
              <label className="field pb-span-2">
                <span className="field-label">{t('playbook.editor.title')}</span>
                <input
                  type="text"
                  value={form.title}
                  maxLength={80}
                  onChange={(e) => update({ title: e.target.value })}
                />
              </label>
              <label className="field">
                <span className="field-label">{t('playbook.editor.kind')}</span>
                <select value={form.kind} onChange={(e) => update({ kind: e.target.value })}>
                  {catalog.kinds.map((k) => (
                    <option key={k} value={k}>
                      {kindName(t, k)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">
                  {t('playbook.editor.priority')}{' '}
                  <span className="legend-hint">{t('playbook.editor.priorityHint')}</span>
                </span>
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={1000}
                  step={1}
                  value={form.priority}
                  onChange={(e) => update({ priority: e.target.value })}
                />
              </label>
              <label className="field">
                <span className="field-label">{t('playbook.editor.resolves')}</span>
                <select
                  value={form.resolves}
                  onChange={(e) => update({ resolves: e.target.value as TemplateForm['resolves'] })}
                >
                  <option value="">{t('playbook.editor.resolvesNo')}</option>
                  {catalog.resolvables.map((r) => (
                    <option key={r} value={r}>
                      {t('playbook.editor.resolvesYes', { what: resolvesName(t, r) })}
                    </option>
                  ))}
                </select>
              </label>
              <LogDefault
                label={t('playbook.editor.logKind')}
                value={form.logKind}
                names={kindNames}
                onChange={(logKind) => update({ logKind })}
              />
              <LogDefault
                label={t('playbook.editor.logOutcome')}
                value={form.logOutcome}
                names={outcomeNames}
                onChange={(logOutcome) => update({ logOutcome })}
              />
              <div className="pb-checks">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={form.enabled}
                    onChange={(e) => update({ enabled: e.target.checked })}
                  />
                  <span>{t('playbook.editor.enabled')}</span>
                </label>
                <label className="check">
                  <input type="checkbox" checked={form.offer} onChange={(e) => update({ offer: e.target.checked })} />
                  <span>{t('playbook.editor.offer')}</span>
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={form.compatibleWithOpenIssues}
                    onChange={(e) => update({ compatibleWithOpenIssues: e.target.checked })}
                  />
                  <span>{t('playbook.editor.openIssues')}</span>
                </label>
              </div>
              <label className="field pb-span-2">
                <span className="field-label">{t('playbook.editor.description')}</span>
                <textarea
                  rows={2}
                  value={form.description}
                  maxLength={500}
                  onChange={(e) => update({ description: e.target.value })}
                />
              </label>
            </div>
          </fieldset>

          <ConditionEditor
            value={form.conditionsText}
            onChange={(conditionsText) => update({ conditionsText })}
            draft={built?.draft ?? null}
            catalog={catalog}
          />

          <StyleTexts
            language={editing}
            picker={
              <TextLanguage
                languages={Object.keys(form.texts)}
                own={form.language}
                store={catalog.storeLanguage}
                value={editing}
                onChange={setChosenLanguage}
                onAddStore={() => {
                  update(withTexts(form, catalog.storeLanguage, emptyTexts()));
                  setChosenLanguage(catalog.storeLanguage);
                }}
              />
            }
            texts={form.texts[editing] ?? emptyTexts()}
            variables={catalog.variables}
            onChange={(texts) => update(withTexts(form, editing, texts))}
          />
        </form>

        <div className="pb-side">
          <PreviewPanel customer={customer} onCustomer={setCustomer} state={preview} enabled={form.enabled} />
          <VersionHistory history={loaded.history} current={loaded.version} onRestore={(v) => void restore(v)} />
        </div>
      </div>
    </div>
  );
}

/** The language on screen: the one chosen, else the store's when the template has it, else the template's own. */
function editedLanguage(form: TemplateForm, chosen: string | null, store: string): string {
  if (chosen !== null && chosen in form.texts) return chosen;
  return store in form.texts ? store : form.language;
}

/** One of the log form's fields the template sets when used (its keys are the choices), or '' to leave it. */
function LogDefault<T extends string>(p: {
  label: string;
  value: '' | T;
  names: Record<T, string>;
  onChange(v: '' | T): void;
}) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span className="field-label">{p.label}</span>
      <select value={p.value} onChange={(e) => p.onChange(e.target.value as '' | T)}>
        <option value="">{t('playbook.editor.leave')}</option>
        {(Object.keys(p.names) as T[]).map((k) => (
          <option key={k} value={k}>
            {p.names[k]}
          </option>
        ))}
      </select>
    </label>
  );
}
