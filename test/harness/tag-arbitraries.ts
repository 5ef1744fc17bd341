// fast-check arbitraries for tags: names as shared/tags.ts keeps them, and any text a file may hold.
import fc from 'fast-check';
import { normalizeTagName, tagKey, TAG_LIMITS } from '../../shared/tags';

/** Any text, spaces and control characters included, that a tag field of some file may hold. */
export const rawTagText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(' Work ', 'work', 'ＷＯＲＫ', 'a\tb\n c', 'e\u0301', '\u00e9', '', '  '),
);

/** A valid tag name, already normalised (what the vault stores). */
export const tagName = rawTagText
  .map(normalizeTagName)
  .filter((name) => name !== '' && name.length <= TAG_LIMITS.name);

/** A vault's tag list: valid names, no two of them one tag. */
export const tagList = (maxLength = 6) => fc.uniqueArray(tagName, { selector: tagKey, maxLength });
