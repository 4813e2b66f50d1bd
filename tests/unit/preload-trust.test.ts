// The main-side half of the preload channel: which frames may call.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appUrlCheck, isTrustedSender } from '../../main/electron/trust';

const index = path.resolve('out', 'renderer', 'index.html');
const appUrl = pathToFileURL(index).href;

describe('app URL check', () => {
  const isApp = appUrlCheck(index);

  it('accepts the built index.html with any hash or query', () => {
    expect(isApp(appUrl)).toBe(true);
    expect(isApp(`${appUrl}#/customers/12`)).toBe(true);
    expect(isApp(`${appUrl}?x=1`)).toBe(true);
  });

  it('refuses other files, other hosts and the web', () => {
    expect(isApp(pathToFileURL(path.resolve('out', 'renderer', 'other.html')).href)).toBe(false);
    expect(isApp(pathToFileURL(path.resolve('index.html')).href)).toBe(false);
    expect(isApp(appUrl.replace('file:///', 'file://evil.example/'))).toBe(false);
    expect(isApp('https://example.com/out/renderer/index.html')).toBe(false);
    expect(isApp('about:blank')).toBe(false);
    expect(isApp('not a url')).toBe(false);
    expect(isApp(`${pathToFileURL(path.resolve('out', 'renderer')).href}/../renderer/index.html`)).toBe(true);
  });

  it('accepts the dev server origin only when one is configured', () => {
    expect(isApp('http://localhost:5173/')).toBe(false);
    const dev = appUrlCheck(index, 'http://localhost:5173/');
    expect(dev('http://localhost:5173/#/x')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
  });
});

describe('sender check', () => {
  const isApp = appUrlCheck(index);
  const top = { url: appUrl, parent: null };

  it('trusts only the top frame of our own window showing our page', () => {
    expect(isTrustedSender({ frame: top, ownWindow: true }, isApp)).toBe(true);
    expect(isTrustedSender({ frame: top, ownWindow: false }, isApp)).toBe(false);
    expect(isTrustedSender({ frame: null, ownWindow: true }, isApp)).toBe(false);
    expect(isTrustedSender({ frame: { url: appUrl, parent: top }, ownWindow: true }, isApp)).toBe(false);
    expect(isTrustedSender({ frame: { url: 'https://example.com/', parent: null }, ownWindow: true }, isApp)).toBe(
      false,
    );
  });
});
