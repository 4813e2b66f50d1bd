import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import { registerFlush } from '../lib/draft-flush';
import { draftKeyFor, emptyDraft, isBlank, newRequestId, parseDraft, type LogDraft } from '../state/log-draft';

export const DRAFT_SAVE_MS = 400;

export type DraftSaveState = 'idle' | 'pending' | 'saved' | 'failed';

/**
 * The log form's state, written to the database shortly after every change and read back when the same customer's
 * form opens again, so a crash, reload or power cut loses at most the last few keystrokes.
 */
export function useLogDraft(customerId: number | null) {
  const key = draftKeyFor(customerId);
  const [draft, setDraft] = useState<LogDraft>(emptyDraft);
  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<DraftSaveState>('idle');
  const draftRef = useRef(draft);
  const touched = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const pending = useRef<{ key: string; body: string | null } | null>(null);
  /** The request id of the entry just saved, while the form after it is untouched (see reset). */
  const savedKey = useRef<string | null>(null);

  /**
   * The tail of the draft writes. Each write waits for the one before, so a clear never overtakes a save sent earlier:
   * a save still in flight when an entry is logged would otherwise reach the store after reset's clear and bring the
   * logged entry's draft back.
   */
  const writes = useRef<Promise<void>>(Promise.resolve());
  const enqueue = useCallback((write: () => Promise<unknown>): Promise<unknown> => {
    const done = writes.current.then(write);
    writes.current = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }, []);

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    const p = pending.current;
    pending.current = null;
    // Nothing new to write: still wait for the writes already sent, so signing out ends after them.
    if (!p) return writes.current;
    try {
      await enqueue(() =>
        p.body === null ? call('drafts.clear', { key: p.key }) : call('drafts.save', { key: p.key, body: p.body }),
      );
      // After a reset the form is the logged entry's, which has no draft to report on.
      if (!pending.current && savedKey.current === null) setSaveState(p.body === null ? 'idle' : 'saved');
    } catch {
      // Typing goes on; the next change tries again.
      if (savedKey.current === null) setSaveState('failed');
    }
  }, [enqueue]);

  useEffect(() => {
    let live = true;
    touched.current = false;
    savedKey.current = null;
    const fresh = emptyDraft();
    draftRef.current = fresh;
    setDraft(fresh);
    setReady(false);
    setRestored(null);
    setSaveState('idle');
    call('drafts.get', { key }).then(
      (stored) => {
        if (!live) return;
        const parsed = stored ? parseDraft(stored.body) : null;
        // Whatever the clerk typed while the draft was loading wins over the stored one.
        if (parsed && !isBlank(parsed) && !touched.current) {
          draftRef.current = parsed;
          setDraft(parsed);
          setRestored(stored!.updatedAt);
        }
        setReady(true);
      },
      () => live && setReady(true),
    );
    const unregister = registerFlush(flush);
    return () => {
      live = false;
      unregister();
      void flush();
    };
  }, [key, flush]);

  const update = useCallback(
    (change: Partial<LogDraft> | ((d: LogDraft) => LogDraft)) => {
      let next = typeof change === 'function' ? change(draftRef.current) : { ...draftRef.current, ...change };
      // The first change after a save starts a new entry: only now does the form get a request id of its own.
      if (savedKey.current !== null && next.requestId === savedKey.current)
        next = { ...next, requestId: newRequestId() };
      savedKey.current = null;
      draftRef.current = next;
      touched.current = true;
      setDraft(next);
      pending.current = { key, body: isBlank(next) ? null : JSON.stringify(next) };
      setSaveState('pending');
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DRAFT_SAVE_MS);
    },
    [key, flush],
  );

  /**
   * After a successful save: an empty form and no draft left behind. The form keeps the saved entry's request id until
   * the clerk changes something, so a repeated Ctrl+Enter sends the same id and the service answers with the entry
   * already logged instead of logging an empty second one.
   */
  const reset = useCallback(
    async (savedRequestId: string) => {
      window.clearTimeout(timer.current);
      pending.current = null;
      const fresh = { ...emptyDraft(), requestId: savedRequestId };
      savedKey.current = savedRequestId;
      draftRef.current = fresh;
      touched.current = false;
      setDraft(fresh);
      setRestored(null);
      setSaveState('idle');
      try {
        // Queued behind any save already sent, and nothing is left pending to follow it: the draft stays gone.
        await enqueue(() => call('drafts.clear', { key }));
      } catch {
        // A stale draft is harmless: its request id makes a second save return the entry already logged.
      }
    },
    [key, enqueue],
  );

  /** Whether the form is the untouched one left by a save: saving it again would only repeat that save. */
  const justSaved = useCallback(() => savedKey.current !== null, []);

  return { draft, update, reset, justSaved, ready, restored, saveState, flush };
}
