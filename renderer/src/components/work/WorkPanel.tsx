import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction, OpenIssue } from '@common/domain';
import { call, errorMessage } from '../../api/client';
import { useLoad } from '../../hooks/useLoad';
import { useLogDraft } from '../../hooks/useLogDraft';
import { useRecovery, type Persist } from '../../hooks/useRecovery';
import { useScrollTopOn } from '../../hooks/useScrollTopOn';
import { useFormat } from '../../lib/format';
import { settlesFor } from '../../lib/settles';
import { useFeedback } from '../../state/feedback';
import { useWorkActionsRef } from '../../state/work-actions';
import { wordError } from '@common/errors';
import { followUpDueProblem } from '@common/follow-up-due';
import { findSlots, unfilledSlotMessage } from '@common/slots';
import type { LogDraft } from '../../state/log-draft';
import { LogForm } from './LogForm';
import { selectFirstSlot } from './SayBox';
import { SuggestionsPanel } from './SuggestionsPanel';
import './work-panel.css';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard access can be refused (no focus, no permission); the text is still in "What I'll say".
    return false;
  }
}

interface Props {
  customerId: number | null;
  customerName: string | null;
  /** Changes with each opening of the customer, so opening the same one again also starts at the suggestions. */
  opened?: object | undefined;
  /** What is still owed to the customer: the form asks which of these an entry settles. */
  openIssues?: OpenIssue[];
  onSaved(i: Interaction): void;
}

const NO_ISSUES: OpenIssue[] = [];

/** Suggestions and the log form: what the clerk says, and the record of it. */
export function WorkPanel({ customerId, customerName, opened, openIssues = NO_ISSUES, onSaved }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { announce } = useFeedback();
  const suggestions = useLoad(`suggest:${customerId ?? 'walk-in'}`, () =>
    call('suggestions.forCustomer', { customerId }),
  );
  const log = useLogDraft(customerId);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sayProblem, setSayProblem] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const sayRef = useRef<HTMLTextAreaElement>(null);
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const dueRef = useRef<HTMLInputElement>(null);
  const actions = useWorkActionsRef();
  const savingRef = useRef(false);
  const recovery = useRecovery(customerId, log.draft, log.update);
  const panelRef = useScrollTopOn<HTMLElement>(opened ?? customerId);

  const applySuggestion = (index: number) => {
    const s = suggestions.data?.[index];
    if (!s) return announce(t('suggestions.noSuchOne', { n: index + 1 }));
    edit({
      say: s.text,
      used: { templateId: s.templateId, title: s.title, issueId: s.issueId },
      // A suggestion about an open issue ties the entry to it; the clerk can still untick it.
      ...(s.issueId !== null ? { settles: [s.issueId] } : {}),
      // The template's own Kind and Outcome, as a macro sets fields; the clerk can still change them.
      ...(s.logKind !== null ? { kind: s.logKind, kindChosen: true } : {}),
      ...(s.logOutcome !== null ? { outcome: s.logOutcome } : {}),
    });
    sayRef.current?.focus();
    const blanks = findSlots(s.text);
    if (blanks.length > 0) {
      // A text with blanks is not copied: it is not ready to say. The first blank is selected, so typing fills it.
      requestAnimationFrame(() => selectFirstSlot(sayRef.current));
      return announce(
        t('suggestions.readyToComplete', {
          n: index + 1,
          title: s.title,
          blanks: blanks.map((b) => b.label).join(t('suggestions.thenSeparator')),
        }),
      );
    }
    void copyText(s.text).then((ok) =>
      announce(
        ok
          ? t('suggestions.copied', { n: index + 1, title: s.title })
          : t('suggestions.readyToEdit', { n: index + 1, title: s.title }),
      ),
    );
  };

  /** Every change of the form: a refusal or a "Saved" note about the text before it no longer applies. */
  const edit = (change: Partial<LogDraft>) => {
    log.update(change);
    setSayProblem(null);
    setSavedNote(null);
  };

  /** Copy and Save refuse a text with a blank still in it, saying which, and select that blank. */
  const refuseUnfilled = (): boolean => {
    const problem = unfilledSlotMessage(log.draft.say, fmt.locale);
    if (!problem) return false;
    setSayProblem(problem);
    if (!selectFirstSlot(sayRef.current)) sayRef.current?.focus();
    announce(problem);
    return true;
  };

  const copy = () => {
    if (refuseUnfilled()) return;
    void copyText(log.draft.say).then((ok) => announce(ok ? t('say.copied') : t('say.copyRefused')));
  };

  const resolveIssue = (issueId: number) => {
    const issue = openIssues.find((i) => i.interactionId === issueId);
    if (!issue) return announce(t('issues.noLongerOpen'));
    edit({ kind: issue.kind, kindChosen: true, outcome: 'resolved', settles: [issueId] });
    sayRef.current?.focus();
    announce(t('issues.resolving', { kind: t(`label.kind.${issue.kind}`), day: fmt.day(issue.openedAt) }));
  };

  const save = async () => {
    if (savingRef.current || !log.ready) return;
    // A repeated Ctrl+Enter after a save: that entry is logged; another needs something in the form first.
    if (log.justSaved()) return announce(t('log.alreadySaved'));
    const d = log.draft;
    if (d.outcome === 'follow_up' && !d.followUpDue) {
      setError(t('log.followUpNeedsDate'));
      dueRef.current?.focus();
      return;
    }
    const dueProblem = d.outcome === 'follow_up' ? followUpDueProblem(d.followUpDue, fmt.today()) : null;
    if (dueProblem) {
      setError(wordError(dueProblem, fmt.locale));
      dueRef.current?.focus();
      return;
    }
    if (refuseUnfilled()) {
      setError(unfilledSlotMessage(d.say, fmt.locale));
      return;
    }
    savingRef.current = true;
    setSaving(true);
    setError(null);
    const persist: Persist = async (r, approval) => {
      const saved = await call('interactions.log', {
        customerId,
        kind: d.kind,
        outcome: d.outcome,
        sentiment: d.sentiment,
        notes: d.notes,
        followUpDue: d.outcome === 'follow_up' ? d.followUpDue : null,
        suggestionTemplateId: d.used?.templateId ?? null,
        resolves: settlesFor(d, openIssues),
        said: d.say.trim(),
        requestId: d.requestId,
        recovery: r,
        ...(approval ? { approval } : {}),
      });
      await log.reset(d.requestId);
      setSavedNote(
        t('log.savedNote', {
          kind: t(`label.kind.${saved.kind}`),
          outcome: t(`label.outcome.${saved.outcome}`),
          when: fmt.dateTime(saved.createdAt),
        }),
      );
      announce(t('log.savedAnnounce'));
      onSaved(saved);
      suggestions.reload();
      if (r) recovery.reload();
    };
    try {
      setError(await recovery.save(persist));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  };

  // The global shortcuts (Ctrl+Enter, Alt+1…5, Alt+L) act on whatever this panel holds right now.
  useEffect(() => {
    actions.current = {
      save: () => void save(),
      applySuggestion,
      focusNotes: () => notesRef.current?.focus(),
      resolveIssue,
    };
  });
  useEffect(
    () => () => {
      actions.current = null;
    },
    [actions],
  );

  const subject =
    customerId === null ? t('log.subjectWalkIn') : customerName ? t('log.subjectWith', { name: customerName }) : '';
  return (
    <aside className="work" aria-label={t('work.label')} ref={panelRef}>
      <SuggestionsPanel
        suggestions={suggestions.data}
        loading={suggestions.loading}
        error={suggestions.error}
        used={log.draft.used}
        say={log.draft.say}
        sayRef={sayRef}
        sayProblem={sayProblem}
        onUse={applySuggestion}
        onSay={(say) => edit({ say })}
        onCopy={copy}
      />
      <LogForm
        draft={log.draft}
        update={edit}
        savedNote={savedNote}
        onSave={() => void save()}
        saving={saving}
        error={error}
        restored={log.restored}
        saveState={log.saveState}
        notesRef={notesRef}
        dueRef={dueRef}
        openIssues={openIssues}
        today={fmt.today()}
        subject={subject}
        recovery={recovery.fields}
      />
      {recovery.dialog}
    </aside>
  );
}
