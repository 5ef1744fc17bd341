// Which module runs each command, loaded with import() only when that command runs: `authdesk
// --version`, the help and a usage error load none of them, and `code` loads only what it needs
// (test/cli/cli-startup.test.ts). One entry per command in COMMANDS (usage.ts).
import type { CliContext } from './context';
import { readOneLine } from './terminal';
import type { OptionValues } from './usage';

export interface CommandCall {
  ctx: CliContext;
  /** The positionals after the command's name (their number is already checked against usage.ts). */
  args: string[];
  values: OptionValues;
  appVersion: string;
}

/** Runs one command; a number is its exit code, nothing means success. */
export type CommandRun = (call: CommandCall) => Promise<number | void>;

export const RUN: Record<string, CommandRun> = {
  init: async ({ ctx }) => (await import('./commands/init')).initCommand(ctx),
  list: async ({ ctx, values }) =>
    (await import('./commands/list')).listCommand(ctx, {
      json: values.json,
      tag: values.tag,
      untagged: values.untagged,
    }),
  'tags list': async ({ ctx, values }) =>
    (await import('./commands/tags')).tagsListCommand(ctx, { json: values.json }),
  'tags rename': async ({ ctx, args }) =>
    (await import('./commands/tags')).tagsRenameCommand(ctx, args[0]!, args[1]!),
  'tags remove': async ({ ctx, args, values }) =>
    (await import('./commands/tags')).tagsRemoveCommand(ctx, args[0]!, { yes: values.yes }),
  code: async ({ ctx, args, values }) =>
    (await import('./commands/code')).codeCommand(ctx, args[0]!, { next: values.next }),
  add: async ({ ctx, args, values }) =>
    (await import('./commands/add')).addCommand(ctx, args[0], {
      ...values,
      allowDuplicate: values['allow-duplicate'],
      secretStdin: values['secret-stdin'],
      passwordStdin: values['password-stdin'],
      readSecretLine: () => readOneLine(process.stdin),
    }),
  icon: async ({ ctx, args, values }) =>
    (await import('./commands/icon')).iconCommand(ctx, args[0]!, args[1], {
      ...(values.brand !== undefined && { brand: values.brand }),
      letter: values.letter,
      auto: values.auto,
    }),
  remove: async ({ ctx, args, values }) =>
    (await import('./commands/remove')).removeCommand(ctx, args[0]!, { yes: values.yes }),
  passwd: async ({ ctx }) => (await import('./commands/passwd')).passwdCommand(ctx),
  scan: async ({ ctx, args, values }) =>
    (await import('./commands/scan')).scanCommand(ctx, args, {
      json: values.json,
      showSecrets: values['show-secrets'],
      add: values.add,
      yes: values.yes,
      allowDuplicate: values['allow-duplicate'],
    }),
  export: async ({ ctx, values, appVersion }) =>
    (await import('./commands/export')).exportCommand(ctx, {
      out: values.out,
      format: values.format,
      force: values.force,
      yes: values.yes,
      appVersion,
    }),
  import: async ({ ctx, args, values }) =>
    (await import('./commands/import')).importCommand(ctx, args[0]!, {
      yes: values.yes,
      replace: values.replace,
      json: values.json,
      allowDuplicate: values['allow-duplicate'],
    }),
  'sync status': async ({ ctx, values }) =>
    (await import('./commands/sync')).syncStatusCommand(ctx, { json: values.json }),
  'sync now': async ({ ctx }) => (await import('./commands/sync')).syncNowCommand(ctx),
  'sync start': async ({ ctx, args, values }) =>
    (await import('./commands/sync')).syncStartCommand(ctx, args[0]!, {
      deviceName: values['device-name'],
      syncPassword: values['sync-password'],
    }),
  'sync join': async ({ ctx, args, values }) =>
    (await import('./commands/sync')).syncJoinCommand(ctx, args[0]!, {
      code: values.code,
      syncPassword: values['sync-password'],
      deviceName: values['device-name'],
    }),
  'sync pair': async ({ ctx }) => (await import('./commands/sync')).syncPairCommand(ctx),
  'sync remove': async ({ ctx, args, values }) =>
    (await import('./commands/sync')).syncRemoveCommand(ctx, args[0]!, { yes: values.yes }),
  'sync password': async ({ ctx, values }) =>
    (await import('./commands/sync')).syncPasswordCommand(ctx, { remove: values.remove }),
  'sync stop': async ({ ctx, values }) =>
    (await import('./commands/sync')).syncStopCommand(ctx, { yes: values.yes }),
  ...Object.fromEntries(
    (['register', 'resync', 'session', 'credential-process'] as const).map((sub) => [
      `aws ${sub}`,
      (async ({ ctx, args, values }) =>
        (await import('./commands/aws')).awsCommand(ctx, sub, args[0], {
          user: values.user,
          deviceName: values['device-name'],
          profile: values.profile,
          duration: values.duration,
          format: values.format,
          account: values.account,
        })) satisfies CommandRun,
    ]),
  ),
};
