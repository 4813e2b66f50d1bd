import { useEffect, useRef, useState } from 'react';
import type { Interaction, OpenIssue } from '../../../../common/domain';
import { call, errorMessage } from '../../api/client';
import { useLoad } from '../../hooks/useLoad';
import { useLogDraft } from '../../hooks/useLogDraft';
import { useScrollTopOn } from '../../hooks/useScrollTopOn';
import { formatDay, todayIn } from '../../lib/format';
import { KIND_LABEL } from '../../lib/labels';
import { settlesFor } from '../../lib/settles';
import { useFeedback } from '../../state/feedback';
import { useStore } from '../../state/store';
import { useWorkActionsRef } from '../../state/work-actions';
import { LogForm } from './LogForm';
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
  const { info } = useStore();
  const { announce } = useFeedback();
  const suggestions = useLoad(`suggest:${customerId ?? 'walk-in'}`, () =>
    call('suggestions.forCustomer', { customerId }),
  );
  const log = useLogDraft(customerId);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sayRef = useRef<HTMLTextAreaElement>(null);
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const dueRef = useRef<HTMLInputElement>(null);
  const actions = useWorkActionsRef();
  const savingRef = useRef(false);
  const panelRef = useScrollTopOn<HTMLElement>(opened ?? customerId);

  const applySuggestion = (index: number) => {
    const s = suggestions.data?.[index];
    if (!s) return announce(`There is no suggestion ${index + 1}.`);
    log.update({
      say: s.text,
      used: { templateId: s.templateId, title: s.title, issueId: s.issueId },
      // A suggestion about an open issue ties the entry to it; the clerk can still untick it.
      ...(s.issueId !== null ? { settles: [s.issueId] } : {}),
    });
    sayRef.current?.focus();
    void copyText(s.text).then((ok) =>
      announce(`Suggestion ${index + 1}, ${s.title}, ${ok ? 'copied to the clipboard' : 'ready to edit'}.`),
    );
  };

  const resolveIssue = (issueId: number) => {
    const issue = openIssues.find((i) => i.interactionId === issueId);
    if (!issue) return announce('That issue is no longer open.');
    log.update({ kind: issue.kind, kindChosen: true, outcome: 'resolved', settles: [issueId] });
    sayRef.current?.focus();
    announce(
      `Logging the ${KIND_LABEL[issue.kind].toLowerCase()} from ${formatDay(issue.openedAt, info.timeZone)} as resolved. ` +
        'Write what you say, then save with Control Enter.',
    );
  };

  const save = async () => {
    if (savingRef.current || !log.ready) return;
    const d = log.draft;
    if (d.outcome === 'follow_up' && !d.followUpDue) {
      setError('A follow-up needs a date: choose when to follow up.');
      dueRef.current?.focus();
      return;
    }
    savingRef.current = true;
    setSaving(true);
    setError(null);
    try {
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
      });
      await log.reset();
      announce('Interaction saved');
      onSaved(saved);
      suggestions.reload();
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

  const subject = customerId === null ? 'Walk-in, not linked to a customer' : customerName ? `with ${customerName}` : '';
  return (
    <aside className="work" aria-label="Suggestions and log" ref={panelRef}>
      <SuggestionsPanel
        suggestions={suggestions.data}
        loading={suggestions.loading}
        error={suggestions.error}
        used={log.draft.used}
        say={log.draft.say}
        sayRef={sayRef}
        onUse={applySuggestion}
        onSay={(say) => log.update({ say })}
        onCopy={() => void copyText(log.draft.say).then((ok) => announce(ok ? 'Copied' : 'Copying is not allowed here'))}
      />
      <LogForm
        draft={log.draft}
        update={log.update}
        onSave={() => void save()}
        saving={saving}
        error={error}
        restored={log.restored}
        saveState={log.saveState}
        notesRef={notesRef}
        dueRef={dueRef}
        openIssues={openIssues}
        today={todayIn(info.timeZone)}
        timeZone={info.timeZone}
        subject={subject}
      />
    </aside>
  );
}
