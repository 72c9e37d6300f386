import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  appEntry,
  checkUpdateFeedUrl,
  isAllowedNavigation,
  isExternalLink,
  isPermissionGranted,
  isTrustedSender,
  startFailureText,
} from '../../../src/main/electron/shell-policy';

const INDEX = '/opt/Tickstep/resources/app.asar/out/renderer/index.html';
const entry = appEntry(INDEX, undefined, true);
const own = pathToFileURL(INDEX).href;

describe('the desktop shell policy', () => {
  it('allows navigation to the app entry only, not to any file:// URL', () => {
    expect(isAllowedNavigation(own, entry)).toBe(true);
    expect(isAllowedNavigation(`${own}#/sessions/1`, entry)).toBe(true);
    expect(isAllowedNavigation(`${own}?x=1`, entry)).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/Tickstep/resources/app.asar/out/renderer/other.html',
      'file:///opt/Tickstep/resources/app.asar/out/renderer/',
      `file://evil-host${new URL(own).pathname}`,
      'https://tickstep.app/',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
    ])
      expect(isAllowedNavigation(url, entry), url).toBe(false);
  });

  it('uses the dev server only in an unpackaged build, and only on loopback', () => {
    expect(appEntry(INDEX, 'http://localhost:5173/', false).url).toBe('http://localhost:5173/');
    expect(appEntry(INDEX, 'http://localhost:5173/', true).url).toBe(own);
    expect(appEntry(INDEX, 'https://evil.example/', false).url).toBe(own);
    const dev = appEntry(INDEX, 'http://localhost:5173/', false);
    expect(isAllowedNavigation('http://localhost:5173/#/desk', dev)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedNavigation(own, dev)).toBe(false);
  });

  it("answers IPC only from the app's own page in its top frame", () => {
    expect(isTrustedSender({ url: own, parent: null }, entry)).toBe(true);
    expect(isTrustedSender({ url: `${own}#/import`, parent: null }, entry)).toBe(true);
    expect(isTrustedSender(null, entry)).toBe(false);
    expect(isTrustedSender(undefined, entry)).toBe(false);
    expect(isTrustedSender({ url: own, parent: {} }, entry)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/report.html', parent: null }, entry)).toBe(false);
    expect(isTrustedSender({ url: 'https://tickstep.app/', parent: null }, entry)).toBe(false);
  });

  it('opens only http(s) links in the system browser', () => {
    expect(isExternalLink('https://tickstep.app/docs')).toBe(true);
    expect(isExternalLink('http://example.com/')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-msdt:/id',
      'https://',
      'x',
    ])
      expect(isExternalLink(url), url).toBe(false);
  });

  it('refuses every permission', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
    ])
      expect(isPermissionGranted(p)).toBe(false);
  });

  it('accepts an https update feed and refuses http or anything else', () => {
    expect(checkUpdateFeedUrl('https://updates.tickstep.app/desktop')).toEqual({
      ok: true,
      url: 'https://updates.tickstep.app/desktop',
    });
    for (const url of [
      'http://updates.tickstep.app/desktop',
      'file:///tmp/feed',
      'ftp://x/y',
      'updates.tickstep.app',
      '',
    ])
      expect(checkUpdateFeedUrl(url).ok, url).toBe(false);
  });

  it('says plainly why the window cannot open when the back end fails at start', () => {
    const damaged = Object.assign(
      new Error('The store at /d/tickstep.db is damaged (…) and could not be moved aside.'),
      {
        code: 'STORE_DAMAGED',
      },
    );
    expect(startFailureText(damaged, '/d')).toBe(damaged.message);
    expect(startFailureText(new Error('EACCES: permission denied'), '/d')).toBe(
      'Tickstep could not open its data in /d: EACCES: permission denied',
    );
  });
});
