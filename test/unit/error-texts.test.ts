// Every error code the main process or the command line can report has its text in both languages
// of the window (the renderer shows errors by code: a missing key would show "errors.X").
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import en from '../../renderer/i18n/en.json';
import ja from '../../renderer/i18n/ja.json';

describe('error texts', () => {
  it.each([
    ['en', en],
    ['ja', ja],
  ] as const)('%s has a text for every error code', (_language, texts) => {
    const errors = texts.errors as Record<string, unknown>;
    const missing = ERROR_CODES.filter(
      (code) => typeof errors[code] !== 'string' || errors[code] === '',
    );
    expect(missing).toEqual([]);
  });
});
