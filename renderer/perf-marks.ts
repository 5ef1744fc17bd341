// Performance marks at the moments the list benchmarks time from (bench/frames.ts): the unlock
// answered, the account list arrived. A mark only records a time in this page's performance
// timeline (DevTools shows it too); nothing is logged or sent anywhere.

export const PERF_MARKS = {
  /** The unlock call resolved in the renderer; the list is about to be asked for. */
  unlocked: 'authdesk:unlocked',
  /** The account list reached the renderer (listAccounts' answer or an accountsChanged push). */
  accounts: 'authdesk:accounts',
} as const;

export function perfMark(name: (typeof PERF_MARKS)[keyof typeof PERF_MARKS]): void {
  performance.mark(name);
}
