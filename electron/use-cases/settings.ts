// Non-secret preferences: validated, merged with defaults, and announced when they change. A time
// server other than the offered ones is used only after the user said yes in main's own dialog.
import type { DialogPort, SettingsStorage } from '../ports';
import { DEFAULT_SETTINGS, resolveLanguage, type Settings } from '../../shared/settings';
import { settingsSchema, userSettingsSchema } from '../../shared/settings-schema';
import { isBuiltInTimeServer } from '../../shared/time-server';
import { AuthdeskError } from '../../shared/errors';
import { timeServerQuestion } from './time-server-question';

/** What asking the user needs: main's dialog and the system's language (for language 'system'). */
export interface SettingsAsk {
  dialogs: Pick<DialogPort, 'confirm'>;
  systemLanguage: () => string;
}

export class SettingsService {
  private current: Settings;
  /** A time-server question is open: another is not stacked on it (a looping renderer). */
  private asking = false;

  /** Without `ask` (the CLI reading the app's file), a new time server is always refused. */
  constructor(
    private readonly storage: SettingsStorage,
    private readonly onChange: (settings: Settings) => void = () => {},
    private readonly ask?: SettingsAsk,
  ) {
    this.current = SettingsService.sanitize(storage.read());
  }

  get(): Settings {
    return { ...this.current };
  }

  /**
   * What a door asks for (the window's setSettings): the settings a user may set, where a time
   * server other than the offered ones is kept only if the user confirms it in main's dialog; a no
   * leaves it as it was and saves the rest of the patch.
   */
  async change(patch: Partial<Settings>): Promise<Settings> {
    const parsed = userSettingsSchema.partial().safeParse(patch);
    if (!parsed.success)
      throw new AuthdeskError('INVALID_ARGUMENT', 'Those settings are not valid.');
    const { timeServer, ...rest } = parsed.data;
    const next: Partial<Settings> = rest;
    if (timeServer !== undefined && timeServer !== this.current.timeServer) {
      if (isBuiltInTimeServer(timeServer) || (await this.confirmServer(timeServer))) {
        next.timeServer = timeServer;
      }
    }
    return Object.keys(next).length === 0 ? this.get() : this.set(next);
  }

  /** main's own settings changes (the backup folder, the accepted clock offset) and tests. */
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

  /** One question at a time: a change asked for while one is open is refused without asking. */
  private async confirmServer(server: string): Promise<boolean> {
    if (!this.ask || this.asking) return false;
    const language = resolveLanguage(this.current.language, this.ask.systemLanguage());
    this.asking = true;
    try {
      return await this.ask.dialogs.confirm(timeServerQuestion(server, language));
    } finally {
      this.asking = false;
    }
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
