// Every word a screen shows comes from the catalogues (common/i18n), so a German store reads German. Read from the
// syntax tree of the real components by the one literal checker (tests/helpers/literal-checks.ts): JSX text, and the
// string props people read or hear (aria-label, title, placeholder, a legend or label passed down). Key names inside
// <kbd> are keys, not words. Every component is checked: none is left outside the catalogues. The refusals the main
// process words for a screen are held to the same rule by refusal-literals.test.ts.
import { describe, expect, it } from 'vitest';
import { componentLiterals } from '../helpers/literal-checks';
import { readSource, sourceFiles } from '../helpers/source-files';

describe('words on screen come from the catalogues', () => {
  const components = sourceFiles('renderer/src').filter((f) => f.endsWith('.tsx'));

  it('reads the components it guards', () => {
    expect(components).toContain('renderer/src/App.tsx');
    expect(components).toContain('renderer/src/components/search/SearchBox.tsx');
    expect(components).toContain('renderer/src/components/manager/team/TeamTab.tsx');
    expect(components.length).toBeGreaterThan(30);
  });

  it('leaves no user-facing literal in a component', () => {
    expect(components.flatMap((rel) => componentLiterals(rel, readSource(rel)))).toEqual([]);
  });
});

describe('the literal checker itself', () => {
  const check = (src: string) => componentLiterals('renderer/src/x.tsx', src);

  it('catches text, read props and strings shown from expressions', () => {
    expect(check('export const A = () => <p>Nothing is due today.</p>;')).toHaveLength(1);
    expect(check('export const A = () => <input placeholder="Name or phone" />;')).toHaveLength(1);
    expect(check("export const A = () => <nav aria-label={'Counter actions'} />;")).toHaveLength(1);
    expect(
      check("export const A = (p: { busy: boolean }) => <button>{p.busy ? 'Signing in…' : 'Sign in'}</button>;"),
    ).toHaveLength(2);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the string is source code for the checker, template literal and all
    expect(check('export const A = (p: { n: number }) => <span title={`${p.n} open issues`} />;')).toHaveLength(1);
    expect(check("export const A = (p: { e: string | null }) => <p>{p.e ?? 'Unknown'}</p>;")).toHaveLength(1);
    expect(check('export const A = () => <Group legend="Kind" />;')).toHaveLength(1);
  });

  it('catches words shown from a constant of the file or a concatenation, as a refusal is checked', () => {
    expect(check("const EMPTY = 'Nothing is due today.';\nexport const A = () => <p>{EMPTY}</p>;")).toHaveLength(1);
    expect(check("export const A = (p: { n: number }) => <p title={p.n + ' open'}>{p.n + ' open'}</p>;")).toHaveLength(
      2,
    );
  });

  it('lets through what is not a word for people', () => {
    expect(
      check(
        "export const A = (p: { t(k: string): string }) => <p title={p.t('x')}>{p.t('home.title')} · 3 <kbd>Ctrl+Enter</kbd></p>;",
      ),
    ).toEqual([]);
    expect(
      check('export const A = () => <div className="home-row" data-testid="notes-count" id="log-h">—</div>;'),
    ).toEqual([]);
    expect(
      check("export const A = (p: { ok: boolean }) => <span className={p.ok ? 'used' : 'muted'}>{p.ok && '✓'}</span>;"),
    ).toEqual([]);
  });
});
