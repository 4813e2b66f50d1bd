// What the renderer sends the main log when an error boundary catches a failed render (#18): the part's name, the
// error's message and the names of the components it failed in. Never props, state or the page's text, so no customer
// data travels; the main process masks the message again (log-scrub) before it reaches the file.

export const RENDER_REPORT_LIMITS = {
  part: 80,
  message: 300,
  /** Component names kept, innermost first. */
  frames: 12,
  componentStack: 600,
} as const;

export interface RenderReport {
  part: string;
  message: string;
  /** "ProfileSummary < CustomerView < ErrorBoundary …", innermost first. */
  componentStack: string;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * React's component stack ("\n    at ProfileSummary (http://…/index-abc.js:1:2)") reduced to the component names: the
 * file addresses say nothing a developer cannot find from the names and would put install paths in the log. The
 * shipped bundle is minified, so there most names are short ("uw < fs < section"): the part's name locates the
 * failure; keeping the real names (esbuild keepNames) would cost 80 KB of bundle.
 */
export function componentNames(stack: string | null | undefined): string {
  const names: string[] = [];
  for (const line of (stack ?? '').split('\n')) {
    const name = /^\s*(?:at\s+)?([A-Za-z_$][\w$.]*)/.exec(line)?.[1];
    if (name && name !== 'at') names.push(name);
    if (names.length === RENDER_REPORT_LIMITS.frames) break;
  }
  return clip(names.join(' < '), RENDER_REPORT_LIMITS.componentStack);
}

/** The bounded report for one caught render failure; every field fits the contract's limits. */
export function renderReport(part: string, error: unknown, componentStack: string | null | undefined): RenderReport {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    part: clip(part.trim() || 'A part of the screen', RENDER_REPORT_LIMITS.part),
    message: clip(message, RENDER_REPORT_LIMITS.message),
    componentStack: componentNames(componentStack),
  };
}
