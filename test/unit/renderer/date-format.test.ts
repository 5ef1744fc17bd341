// Proves how dates and times are written for each language (local time, as the user's clock shows it).
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../renderer/ui/model/date-format';

// No zone in the text: read as local time, so the expected words do not depend on the machine's zone.
const EVENING = '2025-01-15T18:00:00';

describe('formatDateTime', () => {
  it('writes the date and time as Japanese does', () => {
    expect(formatDateTime(EVENING, 'ja')).toBe('2025/01/15 18:00');
  });

  it('writes the date and time as English does, with a 12-hour clock', () => {
    expect(formatDateTime(EVENING, 'en')).toMatch(/^Jan 15, 2025, 6:00\sPM$/u);
  });

  it('gives back text that is not a date as it is, rather than "Invalid Date"', () => {
    expect(formatDateTime('', 'en')).toBe('');
    expect(formatDateTime('not a date', 'ja')).toBe('not a date');
    expect(formatDateTime('2025-13-45T99:00:00', 'en')).toBe('2025-13-45T99:00:00');
  });
});
