// The question main asks, in its own dialog, before it talks to a time server the user typed in:
// which host, what it will be sent, and what it could do; in English or Japanese.
import type { Question } from '../ports';
import { MAX_AUTO_CORRECTION_MS } from '../../shared/time-server';

const MINUTES = MAX_AUTO_CORRECTION_MS / 60_000;

/** `server` is a checked host[:port] (letters, digits, dots, hyphens, colons, brackets only). */
export function timeServerQuestion(server: string, language: 'en' | 'ja'): Question {
  return language === 'ja'
    ? {
        title: 'タイムサーバーの確認',
        message: `${server} をタイムサーバーとして使いますか？`,
        detail:
          'Authdesk は起動時、「今すぐ確認」を押したとき、コードの補正中は 1 時間ごとに、このサーバーへ時刻の問い合わせ（UDP パケット 1 つ）を送ります。' +
          `サーバーにはこのコンピューターの IP アドレスが伝わり、補正がオンならコードを最大 ${MINUTES} 分ずらせます。信頼できるサーバーだけを使ってください。`,
        confirm: 'このサーバーを使う',
        cancel: 'キャンセル',
      }
    : {
        title: 'Time server',
        message: `Use ${server} as the time server?`,
        detail:
          'Authdesk will send this server a time request (one UDP packet) at start, when you click Check now, and every hour while codes are corrected. ' +
          `The server learns this computer's IP address and, with correction on, can shift codes by up to ${MINUTES} minutes. Use only a server you trust.`,
        confirm: 'Use this server',
        cancel: 'Cancel',
      };
}
