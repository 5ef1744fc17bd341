// Proves what an account's icon shows from what has loaded (renderer/features/icons/model): the
// letter until the brand list, a bucket or a picture arrives, the chosen icon before the match, and
// the Edit dialog's icon patch (sent only when the choice changed; null goes back to automatic).
import { describe, expect, it } from 'vitest';
import { iconLook, type IconSources } from '../../../renderer/features/icons/model/icon-look';
import { iconPatch, modeOf } from '../../../renderer/features/icons/model/icon-choice';
import { matcher } from '../brand-icons/simple-icons-data';

const HASH = 'ab'.repeat(32);
const loaded: IconSources = {
  matcher,
  path: (slug) => (slug === 'github' || slug === 'gitlab' ? `M0 0h${slug.length}` : undefined),
  image: (hash) => (hash === HASH ? 'data:image/png;base64,AAAA' : null),
};
const github = { issuer: 'GitHub', label: 'alice' };

describe('iconLook', () => {
  it('shows the letter and asks for the brand list before it has loaded', () => {
    expect(iconLook(github, { ...loaded, matcher: undefined })).toEqual({
      look: { kind: 'letter' },
      needs: { brands: true },
    });
  });

  it('shows the letter and asks for the bucket until the path data is there', () => {
    const { look, needs } = iconLook(github, { ...loaded, path: () => undefined });
    expect(look).toEqual({ kind: 'letter' });
    expect(needs).toEqual({ path: 'github' });
  });

  it('draws the matched icon, monochrome where its colour is too faint', () => {
    const { look } = iconLook(github, loaded);
    expect(look).toMatchObject({ kind: 'icon', path: 'M0 0h6', mono: ['dark'] });
  });

  it('draws a badge without loading anything more', () => {
    expect(iconLook({ issuer: 'aws-prod', label: '' }, loaded)).toMatchObject({
      look: { kind: 'badge', brand: { key: 'aws', text: 'AWS' } },
      needs: {},
    });
  });

  it('takes the chosen brand, letter or picture over the match', () => {
    const chosen = (icon: Parameters<typeof iconLook>[0]['icon']) =>
      iconLook({ ...github, icon }, loaded).look;
    expect(chosen({ kind: 'brand', slug: 'gitlab' })).toMatchObject({ brand: { key: 'gitlab' } });
    expect(chosen({ kind: 'letter' })).toEqual({ kind: 'letter' });
    expect(chosen({ kind: 'image', hash: HASH })).toEqual({
      kind: 'image',
      url: 'data:image/png;base64,AAAA',
    });
  });

  it('waits for a picture with the letter, and falls back to the match when there is none', () => {
    const waiting = iconLook(
      { ...github, icon: { kind: 'image', hash: HASH } },
      { ...loaded, image: () => undefined },
    );
    expect(waiting).toEqual({ look: { kind: 'letter' }, needs: { image: HASH } });
    const gone = iconLook({ ...github, icon: { kind: 'image', hash: 'cd'.repeat(32) } }, loaded);
    expect(gone.look).toMatchObject({ kind: 'icon', brand: { key: 'github' } });
  });

  it('falls back to the match for a chosen brand this version does not have', () => {
    const { look } = iconLook({ ...github, icon: { kind: 'brand', slug: 'nosuch' } }, loaded);
    expect(look).toMatchObject({ brand: { key: 'github' } });
  });

  it('leaves an unmatched account its letter, with nothing to load', () => {
    expect(iconLook({ issuer: 'My Server', label: 'admin' }, loaded)).toEqual({
      look: { kind: 'letter' },
      needs: {},
    });
  });
});

describe('the icon choice', () => {
  it('patches only a changed choice; automatic is null', () => {
    expect(iconPatch(undefined, null)).toEqual({});
    expect(iconPatch({ kind: 'brand', slug: 'github' }, { kind: 'brand', slug: 'github' })).toEqual(
      {},
    );
    expect(iconPatch({ kind: 'brand', slug: 'github' }, null)).toEqual({ icon: null });
    expect(iconPatch(undefined, { kind: 'letter' })).toEqual({ icon: { kind: 'letter' } });
    expect(iconPatch({ kind: 'image', hash: HASH }, { kind: 'image', hash: HASH })).toEqual({});
    expect(modeOf(null)).toBe('automatic');
    expect(modeOf({ kind: 'image', hash: HASH })).toBe('image');
  });
});
