import { describe, expect, it } from 'vitest';
import {
  acceptOffer,
  compareVersions,
  parseVersion,
  publisherNamesFrom,
  updatePlan,
  type UpdateFacts,
} from '../../main/services/update-policy';

const installed: UpdateFacts = {
  currentVersion: '1.4.2',
  isPackaged: true,
  platform: 'win32',
  windowsPublisherNames: ['Counterpart Ltd'],
};
const URL_ = 'https://updates.example.test/counterpart';

describe('updatePlan', () => {
  it('is off without an updateUrl, whatever else is set', () => {
    expect(updatePlan({}, installed)).toEqual({ enabled: false, reason: 'no updateUrl is configured' });
    expect(updatePlan({ updateUrl: null, pinVersion: '1.5.0' }, installed).enabled).toBe(false);
    expect(updatePlan({ updateUrl: '   ' }, installed).enabled).toBe(false);
  });

  it('is on for an installed, signed build with a URL, never allowing a downgrade by itself', () => {
    expect(updatePlan({ updateUrl: URL_ }, installed)).toEqual({
      enabled: true,
      feedUrl: `${URL_}/`,
      pinVersion: null,
      allowDowngrade: false,
      autoInstallOnAppQuit: true,
    });
  });

  it('allows a downgrade only to reach a lower pinned version', () => {
    const down = updatePlan({ updateUrl: URL_, pinVersion: '1.3.0' }, installed);
    expect(down).toMatchObject({ enabled: true, pinVersion: '1.3.0', allowDowngrade: true });
    const up = updatePlan({ updateUrl: URL_, pinVersion: '1.5.0' }, installed);
    expect(up).toMatchObject({ enabled: true, pinVersion: '1.5.0', allowDowngrade: false });
  });

  it('does not check at all when the terminal already runs the pinned version', () => {
    expect(updatePlan({ updateUrl: URL_, pinVersion: '1.4.2' }, installed)).toEqual({
      enabled: false,
      reason: 'this terminal already runs the pinned version 1.4.2',
    });
  });

  it('stays off for unpackaged runs, unsigned Windows builds and Linux system packages', () => {
    expect(updatePlan({ updateUrl: URL_ }, { ...installed, isPackaged: false }).enabled).toBe(false);
    expect(updatePlan({ updateUrl: URL_ }, { ...installed, windowsPublisherNames: [] })).toMatchObject({
      enabled: false,
      reason: expect.stringMatching(/not code-signed/),
    });
    expect(updatePlan({ updateUrl: URL_ }, { ...installed, windowsPublisherNames: undefined }).enabled).toBe(false);
    expect(updatePlan({ updateUrl: URL_ }, { ...installed, platform: 'linux' })).toMatchObject({
      enabled: false,
      reason: expect.stringMatching(/package manager/),
    });
    expect(
      updatePlan({ updateUrl: URL_ }, { ...installed, platform: 'linux', appImage: '/opt/Counterpart.AppImage' })
        .enabled,
    ).toBe(true);
    expect(
      updatePlan({ updateUrl: URL_ }, { ...installed, platform: 'darwin', windowsPublisherNames: undefined }).enabled,
    ).toBe(true);
  });

  it('refuses URLs and versions it cannot use', () => {
    expect(updatePlan({ updateUrl: 'not a url' }, installed).enabled).toBe(false);
    expect(updatePlan({ updateUrl: 'file:///srv/updates/' }, installed).enabled).toBe(false);
    expect(updatePlan({ updateUrl: 'http://updates.example.test/counterpart/' }, installed)).toMatchObject({
      enabled: false,
      reason: expect.stringMatching(/https/),
    });
    expect(updatePlan({ updateUrl: URL_, pinVersion: 'latest' }, installed).enabled).toBe(false);
    expect(updatePlan({ updateUrl: URL_ }, { ...installed, currentVersion: 'dev' }).enabled).toBe(false);
  });
});

describe('acceptOffer', () => {
  it('without a pin: only newer stable versions', () => {
    expect(acceptOffer('1.4.3', '1.4.2', null)).toEqual({ accept: true });
    expect(acceptOffer('2.0.0', '1.4.2', null)).toEqual({ accept: true });
    expect(acceptOffer('1.4.2', '1.4.2', null)).toMatchObject({ accept: false, reason: '1.4.2 is already installed' });
    expect(acceptOffer('1.4.1', '1.4.2', null)).toMatchObject({ accept: false, reason: '1.4.1 is older than 1.4.2' });
    expect(acceptOffer('1.5.0-beta.1', '1.4.2', null)).toMatchObject({ accept: false });
    expect(acceptOffer('garbage', '1.4.2', null)).toMatchObject({ accept: false });
  });

  it('with a pin: exactly the pinned version, up or down, and nothing else', () => {
    expect(acceptOffer('1.3.0', '1.4.2', '1.3.0')).toEqual({ accept: true });
    expect(acceptOffer('1.5.0', '1.4.2', '1.5.0')).toEqual({ accept: true });
    expect(acceptOffer('1.6.0', '1.4.2', '1.5.0')).toMatchObject({
      accept: false,
      reason: '1.6.0 is not the pinned version 1.5.0',
    });
    expect(acceptOffer('1.4.3', '1.4.2', '1.3.0')).toMatchObject({ accept: false });
    expect(acceptOffer('1.3.0', '1.3.0', '1.3.0')).toMatchObject({ accept: false });
    expect(acceptOffer('v1.5.0', '1.4.2', '1.5.0')).toEqual({ accept: true });
  });
});

describe('versions', () => {
  it('parse semver and order it by precedence', () => {
    expect(parseVersion('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: null });
    expect(parseVersion('1.2')).toBeNull();
    expect(parseVersion('01.2.3')).toBeNull();
    const order = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 1; i < order.length; i++) {
      expect(
        compareVersions(parseVersion(order[i - 1]!)!, parseVersion(order[i]!)!),
        `${order[i - 1]} < ${order[i]}`,
      ).toBe(-1);
      expect(compareVersions(parseVersion(order[i]!)!, parseVersion(order[i - 1]!)!)).toBe(1);
    }
    expect(compareVersions(parseVersion('1.0.0+build.5')!, parseVersion('1.0.0')!)).toBe(0);
  });
});

describe('publisherNamesFrom (app-update.yml)', () => {
  it('reads the list electron-builder writes for a signed build', () => {
    const yml =
      'provider: generic\nurl: https://u.example/\npublisherName:\n  - Counterpart Ltd\n  - "Counterpart, Inc."\nupdaterCacheDirName: counterpart-updater\n';
    expect(publisherNamesFrom(yml)).toEqual(['Counterpart Ltd', 'Counterpart, Inc.']);
  });
  it('reads a single name and finds none in an unsigned build', () => {
    expect(publisherNamesFrom("publisherName: 'Counterpart Ltd'\n")).toEqual(['Counterpart Ltd']);
    expect(
      publisherNamesFrom('provider: generic\nurl: https://u.example/\nupdaterCacheDirName: counterpart-updater\n'),
    ).toEqual([]);
  });
});
