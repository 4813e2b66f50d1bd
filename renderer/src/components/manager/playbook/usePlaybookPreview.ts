import { useEffect, useRef, useState } from 'react';
import type { PlaybookPreview, PlaybookTemplateDraft } from '@common/playbook';
import { ApiError, call, errorMessage } from '../../../api/client';

export const PREVIEW_DEBOUNCE_MS = 300;

export interface PreviewState {
  preview: PlaybookPreview | null;
  /** The server's VALIDATION message for the draft: what to fix before it can be saved. */
  invalid: string | null;
  error: string | null;
  pending: boolean;
}

/**
 * Previews the draft, its texts in the language being edited, as the manager types: debounced, and only the newest answer may land, so a slow reply for an
 * older draft never replaces the preview of the current one.
 */
export function usePlaybookPreview(
  draft: PlaybookTemplateDraft | null,
  customerId: number | null,
  language: string,
): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: null, invalid: null, error: null, pending: false });
  const seq = useRef(0);
  const key = draft ? JSON.stringify(draft) : null;

  useEffect(() => {
    const mine = ++seq.current;
    if (!key) {
      setState((s) => ({ ...s, pending: false }));
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const timer = window.setTimeout(() => {
      call('playbook.preview', { template: JSON.parse(key) as PlaybookTemplateDraft, customerId, language }).then(
        (preview) => mine === seq.current && setState({ preview, invalid: null, error: null, pending: false }),
        (err: unknown) => {
          if (mine !== seq.current) return;
          if (err instanceof ApiError && err.code === 'VALIDATION')
            setState((s) => ({ ...s, invalid: err.message, error: null, pending: false }));
          else setState((s) => ({ ...s, error: errorMessage(err), pending: false }));
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [key, customerId, language]);

  return state;
}
