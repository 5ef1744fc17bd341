// Non-secret preferences: validated, merged with defaults, and announced when they change.
import type { SettingsStorage } from '../ports';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { settingsSchema } from '../../shared/settings-schema';
import { AuthdeskError } from '../../shared/errors';

export class SettingsService {
  private current: Settings;

  constructor(
    private readonly storage: SettingsStorage,
    private readonly onChange: (settings: Settings) => void = () => {},
  ) {
    this.current = SettingsService.sanitize(storage.read());
  }

  get(): Settings {
    return { ...this.current };
  }

  set(patch: Partial<Settings>): Settings {
    const parsed = settingsSchema.partial().safeParse(patch);
    if (!parsed.success)
      throw new AuthdeskError('INVALID_ARGUMENT', 'Those settings are not valid.');
    const next = { ...this.current, ...parsed.data };
    try {
      this.storage.write(next);
    } catch (error) {
      throw new AuthdeskError('IO_ERROR', 'The settings could not be saved.', { cause: error });
    }
    this.current = next;
    this.onChange(this.get());
    return this.get();
  }

  /** A damaged or older settings file keeps every valid field and falls back for the rest. */
  static sanitize(raw: unknown): Settings {
    const result: Settings = { ...DEFAULT_SETTINGS };
    if (raw === null || typeof raw !== 'object') return result;
    const shape = settingsSchema.shape;
    for (const key of Object.keys(shape) as (keyof Settings)[]) {
      const field = shape[key].safeParse((raw as Record<string, unknown>)[key]);
      if (field.success) (result as Record<string, unknown>)[key] = field.data;
    }
    return result;
  }
}
