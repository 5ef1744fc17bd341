// `authdesk sync …`: sync through a folder from the terminal, with the vault password. status [--json]
// and now (one round), start FOLDER, join FOLDER (--code CODE | --sync-password), pair (a pairing code
// for another device), remove DEVICE and stop. The same SyncService the app's window goes through.
import { hostname } from 'node:os';
import path from 'node:path';
import { AuthdeskError } from '../../../shared/errors';
import type { SyncDevice, SyncStatus } from '../../../shared/sync';
import type { SyncService } from '../../use-cases/sync';
import { checkSyncFolder } from '../../use-cases/sync-window';
import type { Vault } from '../../vault/vault';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';
import { EXIT } from '../exit-codes';
import { table } from '../table';

const accountsText = (n: number) => (n === 1 ? '1 account' : `${n} accounts`);

/** The vault, unlocked, and the sync service over it; the vault is locked again after `use`. */
async function withSync<T>(
  ctx: CliContext,
  use: (sync: SyncService, vault: Vault) => Promise<T>,
): Promise<T> {
  const { SyncService } = await import('../../use-cases/sync');
  const vault = await openUnlocked(ctx);
  try {
    return await use(new SyncService({ vault, clock: { now: ctx.now }, hostname }), vault);
  } finally {
    vault.lock();
  }
}

/** A time as the terminal shows it: UTC, to the second. */
function when(iso: string | null): string {
  return iso === null ? 'never' : `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

function deviceRows(devices: SyncDevice[]): string[] {
  return table(
    ['DEVICE', 'ID', 'LAST SEEN'],
    devices.map((d) => [d.thisDevice ? `${d.name} (this device)` : d.name, d.id, when(d.lastSeen)]),
  );
}

function problemLines(status: SyncStatus): string[] {
  return status.problems.map(
    (p) => `${p.kind}${p.device ? ` (${p.device.name})` : ''}: ${p.error.message}`,
  );
}

/** The status in lines: off, or the folder, this device, the others, the last round and problems. */
export function statusLines(status: SyncStatus): string[] {
  if (status.phase === 'off') {
    return [
      'Sync is off on this device.',
      'Start it with `authdesk sync start FOLDER`, join another device with `authdesk sync join FOLDER --code CODE`, or use the app (Settings › Sync).',
    ];
  }
  if (status.phase === 'removed') {
    return [
      'Another device removed this one from the sync: its accounts stay here, but nothing syncs.',
      'Stop sync (`authdesk sync stop`) and join again to sync this device.',
    ];
  }
  const lines = [
    `Sync is on${status.phase === 'paused' ? ', paused: the folder cannot be reached' : ''}.`,
    `Folder: ${status.folder ?? ''}`,
    `Last sync: ${when(status.lastSync)}`,
    `Other devices may join with the sync password: ${status.joinByPassword ? 'yes' : 'no'}`,
  ];
  if (status.pairing)
    lines.push(`A pairing code is valid until ${when(status.pairing.expiresAt)}.`);
  if (status.lastMerge && status.lastMerge.from.length > 0) {
    const from = status.lastMerge.from
      .map((f) => `${accountsText(f.accounts)} from ${f.device.name}`)
      .join(', ');
    lines.push(`Last changes taken in: ${from} (${when(status.lastMerge.at)}).`);
  }
  lines.push('', ...deviceRows(status.devices));
  const problems = problemLines(status);
  if (problems.length) lines.push('', 'Problems:', ...problems.map((p) => `  ${p}`));
  return lines;
}

export async function syncStatusCommand(ctx: CliContext, opts: { json: boolean }): Promise<void> {
  const status = await withSync(ctx, async (sync) => sync.status());
  if (opts.json) {
    ctx.out(JSON.stringify(status, null, 2));
    return;
  }
  for (const line of statusLines(status)) ctx.out(line);
}

/** What a round took in, in one line; the problems to standard error (exit 26 with any). */
function roundReport(ctx: CliContext, status: SyncStatus, startedAt: number): number | void {
  const merge = status.lastMerge;
  const fresh = merge && Date.parse(merge.at) >= startedAt - 1_000 ? merge : null;
  const others = status.devices.filter((d) => !d.thisDevice).length;
  const with_ = others === 1 ? '1 other device' : `${others} other devices`;
  if (fresh && fresh.from.length > 0) {
    const from = fresh.from
      .map((f) => `${accountsText(f.accounts)} updated from ${f.device.name}`)
      .join(', ');
    ctx.out(`Synced with ${with_}: ${from}.`);
  } else {
    ctx.out(`Synced with ${with_}: nothing new.`);
  }
  if (fresh && fresh.flagged > 0) {
    ctx.out(
      `${accountsText(fresh.flagged)} flagged for a look (two secrets kept, or kept after a delete): see \`authdesk list\` or the app.`,
    );
  }
  return reportProblems(ctx, status);
}

/** The last round's problems, to standard error; exit 26 with any. */
function reportProblems(ctx: CliContext, status: SyncStatus): number | void {
  const problems = problemLines(status);
  for (const problem of problems) ctx.err(`authdesk: ${problem}`);
  if (status.phase === 'paused') {
    ctx.err(
      `authdesk: the sync folder ${status.folder ?? ''} cannot be reached; nothing is lost, the next round catches up.`,
    );
    return EXIT.syncUnreachable;
  }
  return problems.length ? EXIT.syncProblem : undefined;
}

export async function syncNowCommand(ctx: CliContext): Promise<number | void> {
  const startedAt = ctx.now();
  const status = await withSync(ctx, (sync) => sync.syncNow());
  return roundReport(ctx, status, startedAt);
}

function folderArg(folder: string): string {
  const full = path.resolve(folder);
  checkSyncFolder(full, process.platform);
  return full;
}

export async function syncStartCommand(
  ctx: CliContext,
  folder: string,
  opts: { deviceName: string | undefined; syncPassword: boolean },
): Promise<number | void> {
  const full = folderArg(folder);
  const status = await withSync(ctx, async (sync) => {
    const syncPassword = opts.syncPassword ? await ctx.passwords.fresh('Sync password') : undefined;
    return sync.start({
      folder: full,
      ...(opts.deviceName !== undefined && { deviceName: opts.deviceName }),
      ...(syncPassword !== undefined && { syncPassword }),
    });
  });
  ctx.out(`Sync started in ${full} as "${status.device?.name ?? ''}".`);
  ctx.out(
    'On another computer, join with a pairing code from `authdesk sync pair` (or the app)' +
      (status.joinByPassword ? ', or with the sync password.' : '.'),
  );
  return reportProblems(ctx, status);
}

export async function syncJoinCommand(
  ctx: CliContext,
  folder: string,
  opts: { code: string | undefined; syncPassword: boolean; deviceName: string | undefined },
): Promise<number | void> {
  if ((opts.code === undefined) === !opts.syncPassword) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'Join with either --code CODE (from `authdesk sync pair` or the app on the other device) or --sync-password.',
    );
  }
  const full = folderArg(folder);
  const startedAt = ctx.now();
  const status = await withSync(ctx, async (sync) => {
    const secret =
      opts.code !== undefined
        ? { code: opts.code }
        : { syncPassword: await ctx.passwords.existing('Sync password') };
    return sync.join({
      folder: full,
      ...(opts.deviceName !== undefined && { deviceName: opts.deviceName }),
      ...secret,
    });
  });
  ctx.out(`Joined the sync in ${full} as "${status.device?.name ?? ''}".`);
  return roundReport(ctx, status, startedAt);
}

export async function syncPairCommand(ctx: CliContext): Promise<void> {
  const offer = await withSync(ctx, (sync) => sync.offerPairing());
  ctx.out(offer.code);
  ctx.err(
    `Enter this pairing code on the other device (\`authdesk sync join FOLDER --code ${offer.code}\` or the app's Join) before ${when(offer.expiresAt)}.`,
  );
}

/** A device by its id, or by its name when exactly one has it (case does not matter). */
function findDevice(devices: SyncDevice[], wanted: string): SyncDevice {
  const others = devices.filter((d) => !d.thisDevice);
  const byId = others.find((d) => d.id === wanted.toLowerCase());
  if (byId) return byId;
  const byName = others.filter((d) => d.name.toLowerCase() === wanted.trim().toLowerCase());
  if (byName.length === 1) return byName[0]!;
  const listed = others.map((d) => `${d.name} (${d.id})`).join(', ');
  if (byName.length > 1) {
    throw new AuthdeskError(
      'SYNC_DEVICE_NOT_FOUND',
      `Several devices are named "${wanted}": give the id. Devices: ${listed}.`,
    );
  }
  throw new AuthdeskError(
    'SYNC_DEVICE_NOT_FOUND',
    `No other device "${wanted}" in the sync.${listed ? ` Devices: ${listed}.` : ''}`,
  );
}

export async function syncRemoveCommand(
  ctx: CliContext,
  wanted: string,
  opts: { yes: boolean },
): Promise<number | void> {
  return withSync(ctx, async (sync) => {
    const device = findDevice(sync.status().devices, wanted);
    if (!opts.yes && !(await confirm(ctx, `Remove "${device.name}" from the sync?`))) return;
    const status = await sync.removeDevice(device.id);
    ctx.out(
      `Removed "${device.name}": the sync key changed, and it can read nothing written from now on. Its accounts stay on it.`,
    );
    for (const problem of problemLines(status)) ctx.err(`authdesk: ${problem}`);
  });
}

export async function syncPasswordCommand(
  ctx: CliContext,
  opts: { remove: boolean },
): Promise<number | void> {
  return withSync(ctx, async (sync) => {
    if (sync.status().phase === 'off') {
      throw new AuthdeskError('SYNC_OFF', 'Sync is not set up on this device.');
    }
    const status = await sync.setSyncPassword(
      opts.remove ? null : await ctx.passwords.fresh('Sync password'),
    );
    ctx.out(
      opts.remove
        ? 'The sync password is removed: other computers join with a pairing code only.'
        : 'The sync password is set: other computers may join with it (authdesk sync join FOLDER --sync-password).',
    );
    return reportProblems(ctx, status);
  });
}

export async function syncStopCommand(ctx: CliContext, opts: { yes: boolean }): Promise<void> {
  await withSync(ctx, async (sync) => {
    if (sync.status().phase === 'off') {
      ctx.out('Sync is already off on this device.');
      return;
    }
    const question =
      'Stop syncing this device? Its files leave the sync folder; its accounts stay here and on the other devices.';
    if (!opts.yes && !(await confirm(ctx, question))) return;
    await sync.stop();
    ctx.out('Sync stopped on this device. Its accounts stay.');
  });
}

/** Asks on the terminal; without one, --yes is needed. */
async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  if (!ctx.terminal.interactive) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'Refusing without confirmation; there is no terminal to ask. Add --yes to confirm.',
    );
  }
  if (await ctx.terminal.confirm(question)) return true;
  ctx.out('Nothing was changed.');
  return false;
}
