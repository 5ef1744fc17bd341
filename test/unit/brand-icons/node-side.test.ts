// Proves main's brand look-up for the tray (electron/icons/brand-icons.ts): the window's matching on
// simple-icons' files read at run time, the chosen icon before the match, and SVG for the rasteriser.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrandIcons, brandSvg, simpleIconsDir } from '../../../electron/icons/brand-icons';

const icons = new BrandIcons();
const githubSvg = readFileSync(path.join(simpleIconsDir(), 'icons', 'github.svg'), 'utf8');

describe('BrandIcons', () => {
  it('matches an account and gives the icon file’s path data and colour', () => {
    const github = icons.forAccount({ issuer: '', label: 'alice@github.com' })!;
    expect(github).toMatchObject({ kind: 'icon', key: 'github', hex: '181717', mono: ['dark'] });
    expect(githubSvg).toContain(`d="${github.path}"`);
  });

  it('gives a badge, without path data, for a brand the set does not carry', () => {
    const aws = icons.forAccount({ issuer: 'Amazon Web Services', label: 'root' })!;
    expect(aws).toMatchObject({ kind: 'badge', key: 'aws', text: 'AWS' });
    expect(aws.path).toBeUndefined();
    expect(brandSvg(aws)).toBeUndefined();
  });

  it('takes the chosen brand over the match, and nothing for a chosen picture or letter', () => {
    const named = { issuer: 'GitHub', label: 'alice' };
    expect(icons.forAccount({ ...named, icon: { kind: 'brand', slug: 'gitlab' } })?.key).toBe(
      'gitlab',
    );
    expect(icons.forAccount({ ...named, icon: { kind: 'brand', slug: 'gone' } })?.key).toBe(
      'github',
    );
    expect(icons.forAccount({ ...named, icon: { kind: 'letter' } })).toBeUndefined();
    expect(icons.forAccount({ ...named, icon: { kind: 'image', hash: 'a'.repeat(64) } })).toBe(
      undefined,
    );
    expect(icons.forAccount({ issuer: 'My Server', label: 'admin' })).toBeUndefined();
  });

  it('writes an icon as an SVG in its colour or the one given', () => {
    const github = icons.byKey('github')!;
    expect(brandSvg(github)).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#181717" d="${github.path}"/></svg>`,
    );
    expect(brandSvg(github, '#ffffff')).toContain('fill="#ffffff"');
  });

  describe('with an icon file missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'authdesk-simple-icons-'));
    cpSync(path.join(simpleIconsDir(), 'data'), path.join(dir, 'data'), { recursive: true });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('still matches, without path data (the tray draws the letter)', () => {
      const brand = new BrandIcons(dir).forAccount({ issuer: 'GitHub', label: '' });
      expect(brand).toMatchObject({ kind: 'icon', key: 'github' });
      expect(brand?.path).toBeUndefined();
    });
  });
});
