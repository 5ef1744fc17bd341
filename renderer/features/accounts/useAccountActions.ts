// What a row can do: copy, advance HOTP, pin, and move (by key or drag), with toasts and optimistic order.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type AccountMeta } from '../../../shared/account';
import { call } from '../../api/api';
import { applyOrder, moveAccount } from './model/account-order';
import type { Accounts } from './useAccounts';
import { useToast } from '../../ui/useToast';

export type CopyCode = (account: AccountMeta, which?: 'current' | 'next') => Promise<void>;

export function useAccountActions(options: {
  accounts: Accounts;
  skewMs: number;
  onError: (error: unknown) => void;
  announce: (text: string) => void;
}) {
  const { accounts, skewMs, onError, announce } = options;
  const { t } = useTranslation();
  const { notify } = useToast();
  const list = accounts.list;

  const copy = useCallback<CopyCode>(
    async (account, which = 'current') => {
      try {
        const { clearsAt } = await call('copyCode', { id: account.id, which });
        const key = which === 'next' ? 'toast.copiedNext' : 'toast.copied';
        const seconds =
          clearsAt === null
            ? null
            : Math.max(1, Math.ceil((clearsAt - (Date.now() + skewMs)) / 1000));
        notify(t(key, { name: displayName(account) }), {
          tone: 'success',
          ...(seconds !== null && { detail: t('toast.clears', { count: seconds }) }),
        });
      } catch (error) {
        onError(error);
      }
    },
    [notify, onError, skewMs, t],
  );

  const nextHotp = useCallback(
    async (account: AccountMeta) => {
      try {
        await call('nextHotpCode', { id: account.id });
        announce(t('toast.hotpAdvanced', { name: displayName(account) }));
      } catch (error) {
        onError(error);
      }
    },
    [announce, onError, t],
  );

  const togglePin = useCallback(
    async (account: AccountMeta) => {
      try {
        await call('updateAccount', { id: account.id, patch: { pinned: !account.pinned } });
        const key = account.pinned ? 'toast.unpinned' : 'toast.pinned';
        notify(t(key, { name: displayName(account) }), { tone: 'success' });
      } catch (error) {
        onError(error);
      }
    },
    [notify, onError, t],
  );

  const move = useCallback(
    (id: string, targetId: string, place: 'before' | 'after') => {
      if (!list) return;
      const ids = moveAccount(list, id, targetId, place);
      if (!ids) return;
      accounts.setOptimistic(applyOrder(list, ids));
      const moved = list.find((a) => a.id === id);
      if (moved) announce(t('toast.moved', { name: displayName(moved) }));
      call('reorderAccounts', { ids }).catch((error: unknown) => {
        accounts.setOptimistic(list);
        onError(error);
      });
    },
    [accounts, announce, list, onError, t],
  );

  return { copy, nextHotp, togglePin, move };
}
