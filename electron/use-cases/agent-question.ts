// The questions the app asks, in its own dialog, when the authdesk command asks it for something:
// who asks (pid, parent program, terminal), what for, and the answers; in English or Japanese.
import type { ClientInfo } from '../agent/protocol';
import type { Choice } from '../ports';

/** What a request asks for, as the question names it. */
export type AgentAsk =
  | { kind: 'list' }
  | { kind: 'code'; query: string; which: 'current' | 'next' }
  | { kind: 'pair'; query: string }
  | { kind: 'set-serial'; id: string }
  | { kind: 'session' };

/** The buttons of the read question, in this order (Choice indexes). */
export const READ_ANSWERS = ['once', 'ten-minutes', 'until-locked', 'deny'] as const;
/** The buttons of the add question. */
export const ADD_ANSWERS = ['allow', 'deny'] as const;

type Language = 'en' | 'ja';

/** Text from the command is shown as text, never long: a line of at most `max` characters. */
function clip(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** "pid 123, from bash, terminal /dev/pts/3" */
function who(client: ClientInfo, language: Language): string {
  const parts =
    language === 'ja'
      ? [
          `PID ${client.pid}`,
          client.parent ? `${clip(client.parent, 40)} から` : `親プロセス ${client.ppid}`,
          client.tty ? `端末 ${clip(client.tty, 60)}` : '端末なし',
        ]
      : [
          `pid ${client.pid}`,
          client.parent ? `from ${clip(client.parent, 40)}` : `parent pid ${client.ppid}`,
          client.tty ? `terminal ${clip(client.tty, 60)}` : 'no terminal',
        ];
  return parts.join(language === 'ja' ? '、' : ', ');
}

function what(ask: AgentAsk, language: Language): string {
  const ja = language === 'ja';
  switch (ask.kind) {
    case 'list':
      return ja ? 'アカウントの一覧と現在のコード' : 'the list of accounts and their current codes';
    case 'code':
      return ja
        ? `「${clip(ask.query)}」の${ask.which === 'next' ? '次の' : '現在の'}コード`
        : `the ${ask.which} code of "${clip(ask.query)}"`;
    case 'pair':
      return ja
        ? `「${clip(ask.query)}」の連続する 2 つのコード（AWS の登録または再同期）`
        : `two consecutive codes of "${clip(ask.query)}" (AWS registration or resync)`;
    case 'set-serial':
      return ja
        ? 'アカウントに AWS の MFA デバイス ARN を保存すること'
        : 'to store an AWS MFA device ARN on an account';
    case 'session':
      return ja
        ? 'アプリのメモリにある AWS の一時的な認証情報'
        : 'the AWS temporary credentials held in the app’s memory';
  }
}

/** "Allow `authdesk` (…) to read codes?" — Once / For 10 minutes / Until locked / Deny. */
export function agentReadQuestion(client: ClientInfo, ask: AgentAsk, language: Language): Choice {
  const command = clip(client.command, 40);
  const base =
    language === 'ja'
      ? {
          title: 'コマンドラインからのアクセス',
          message: `\`authdesk ${command}\`（${who(client, 'ja')}）にコードの読み取りを許可しますか？`,
          detail:
            `要求: ${what(ask, 'ja')}。\n` +
            '「1 回だけ」はこのコマンドだけ、「10 分間」と「ロックするまで」は同じ端末（端末がなければ同じ親プロセス）からのコマンドに許可します。' +
            'ロックすると許可はすべて終わります。心当たりがなければ「拒否」を選んでください。',
          buttons: ['1 回だけ', '10 分間', 'ロックするまで', '拒否'],
        }
      : {
          title: 'Command-line access',
          message: `Allow \`authdesk ${command}\` (${who(client, 'en')}) to read codes?`,
          detail:
            `It asks for ${what(ask, 'en')}.\n` +
            'Once allows this command only; For 10 minutes and Until locked allow commands from the same terminal (or, without one, the same parent program). ' +
            'Locking ends every approval. If you did not run this command, choose Deny.',
          buttons: ['Once', 'For 10 minutes', 'Until locked', 'Deny'],
        };
  // Enter denies: a question that appears while the user types elsewhere is never allowed by a
  // stray Enter. Tab or the arrow keys reach the other answers; Escape denies too.
  const deny = READ_ANSWERS.indexOf('deny');
  return { ...base, defaultId: deny, cancelId: deny };
}

/** "Allow `authdesk` (…) to add "Amazon Web Services (alice)"?" — Allow / Deny; asked every time. */
export function agentAddQuestion(client: ClientInfo, name: string, language: Language): Choice {
  const command = clip(client.command, 40);
  const deny = ADD_ANSWERS.indexOf('deny');
  return language === 'ja'
    ? {
        title: 'コマンドラインからのアカウント追加',
        message: `\`authdesk ${command}\`（${who(client, 'ja')}）に「${clip(name)}」の追加を許可しますか？`,
        detail:
          'AWS の仮想 MFA デバイスの登録で、新しいシークレットキーを保管庫に追加します。許可すると、登録を終えるためにこのコマンドはコードも読み取れます。登録に失敗すると、同じコマンドが追加したアカウントを取り除きます。心当たりがなければ「拒否」を選んでください。',
        buttons: ['許可', '拒否'],
        defaultId: deny,
        cancelId: deny,
      }
    : {
        title: 'Add an account from the command line',
        message: `Allow \`authdesk ${command}\` (${who(client, 'en')}) to add "${clip(name)}"?`,
        detail:
          'Registering an AWS virtual MFA device adds its new secret key to the vault. Allowing also lets this command read codes, to finish the registration. If the registration fails, the same command removes the account it added. If you did not run this command, choose Deny.',
        buttons: ['Allow', 'Deny'],
        defaultId: deny,
        cancelId: deny,
      };
}
