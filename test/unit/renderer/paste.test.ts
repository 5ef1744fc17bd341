// Proves what a paste on the accounts screen means, by where it lands and what it holds.
import { describe, expect, it } from 'vitest';
import { pasteAction } from '../../../renderer/features/import/model/paste';

const LINK = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const image = new File(['x'], 'shot.png', { type: 'image/png' });
const text = (t: string) => ({ files: [], text: t });

describe('pasteAction', () => {
  it('leaves a paste into a form field to the browser', () => {
    expect(pasteAction({ files: [image], text: LINK }, 'field')).toBeNull();
    expect(pasteAction(text(LINK), 'field')).toBeNull();
  });

  it('imports pasted images, even with text beside them', () => {
    expect(pasteAction({ files: [image], text: LINK }, 'page')).toEqual({
      kind: 'images',
      files: [image],
    });
    expect(pasteAction({ files: [image], text: '' }, 'search')).toMatchObject({ kind: 'images' });
  });

  it('imports setup and Google export links in any case, trimmed, on the page or in the search', () => {
    expect(pasteAction(text(`  ${LINK}\n`), 'page')).toEqual({ kind: 'text', text: LINK });
    expect(pasteAction(text('OTPAUTH-MIGRATION://offline?data=abc'), 'search')).toEqual({
      kind: 'text',
      text: 'OTPAUTH-MIGRATION://offline?data=abc',
    });
    expect(pasteAction(text('lpaauth-migration://offline?data=H4sI'), 'page')).toEqual({
      kind: 'text',
      text: 'lpaauth-migration://offline?data=H4sI',
    });
  });

  it('asks main for the clipboard when the page sees nothing in it', () => {
    expect(pasteAction(text(''), 'page')).toEqual({ kind: 'clipboard' });
    expect(pasteAction(text(' \n'), 'page')).toEqual({ kind: 'clipboard' });
    expect(pasteAction(text(''), 'search')).toEqual({ kind: 'clipboard' });
  });

  it('opens a bare key of 16 or more characters in the manual form', () => {
    expect(pasteAction(text(' jbsw y3dp ehpk 3pxp '), 'page')).toEqual({
      kind: 'secret',
      text: 'jbsw y3dp ehpk 3pxp',
    });
    expect(pasteAction(text('JBSW\u3000Y3DP\u3000EHPK\u30003PXP'), 'page')).toMatchObject({
      kind: 'secret',
    });
  });

  it('does nothing with ordinary text, a short key or a full-width one on the page', () => {
    for (const t of [
      'hello world',
      'MZXW6YTBOI',
      'JBSWY3DPEHPK3PX0',
      'ＪＢＳＷＹ３ＤＰＥＨＰＫ３ＰＸＰ',
    ]) {
      expect(pasteAction(text(t), 'page'), t).toEqual({ kind: 'nothing' });
    }
  });

  it('lets the search box take any other text, a bare key included', () => {
    expect(pasteAction(text('JBSWY3DPEHPK3PXP'), 'search')).toBeNull();
    expect(pasteAction(text('アマゾン'), 'search')).toBeNull();
  });
});
