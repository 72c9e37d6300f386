import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from '../../../src/main/content-security-policy';
import { REPO_ROOT } from '../../helpers/temp-app';

function metaPolicy(html: string): string | undefined {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];
}

describe('the renderer CSP as a <meta>', () => {
  it('is in src/renderer/index.html (file:// pages get no headers), equal to the shared policy', () => {
    const html = readFileSync(join(REPO_ROOT, 'src', 'renderer', 'index.html'), 'utf8');
    expect(metaPolicy(html)).toBe(META_CONTENT_SECURITY_POLICY);
    // It comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('is the header policy minus frame-ancestors, which a meta cannot carry', () => {
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(META_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(META_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });

  it.runIf(existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html')))(
    'survives into the built renderer',
    () => {
      const html = readFileSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'), 'utf8');
      expect(metaPolicy(html)).toBe(META_CONTENT_SECURITY_POLICY);
    },
  );
});
