import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportJobStatus } from '@common/imports';
import { call, errorMessage } from '../../../api/client';

const POLL_MS = 300;

/**
 * The import job this screen shows: on opening, the one running (or the last one) on this terminal, so leaving the
 * tab and coming back finds the import where it is; then whatever `follow` is given. Polls while it runs.
 */
export function useImportJob(onFinished: (job: ImportJobStatus) => void) {
  const [job, setJob] = useState<ImportJobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const following = useRef<string | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const poll = useCallback(async (jobId: string) => {
    following.current = jobId;
    while (following.current === jobId) {
      let st: ImportJobStatus;
      try {
        st = await call('imports.status', { jobId });
      } catch (err) {
        if (following.current === jobId) setError(errorMessage(err));
        return;
      }
      if (following.current !== jobId) return;
      setJob(st);
      if (st.state !== 'running') {
        following.current = null;
        finished.current(st);
        return;
      }
      await new Promise((r) => window.setTimeout(r, POLL_MS));
    }
  }, []);

  useEffect(() => {
    let live = true;
    call('imports.latest', {}).then(
      (st) => {
        if (!live || !st || following.current) return;
        setJob(st);
        if (st.state === 'running') void poll(st.jobId);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
      following.current = null;
    };
  }, [poll]);

  /** Shows a job just started (its first status in hand, so the screen never falls back to the previous one). */
  const follow = useCallback(
    (first: ImportJobStatus) => {
      setError(null);
      setJob(first);
      void poll(first.jobId);
    },
    [poll],
  );
  return { job, error, follow };
}
