// Electron adapters: the open dialogs for screenshots and import files, the save dialog, the
// folder dialog for automatic backups, and main's own yes/no questions.
import {
  dialog,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import type { DialogPort, FilePickerPort, Question, SaveKind } from '../ports';

const SAVE_FILTERS: Record<SaveKind, SaveDialogOptions['filters']> = {
  backup: [{ name: 'Authdesk backup', extensions: ['authdesk'] }],
  aegis: [{ name: 'Aegis vault', extensions: ['json'] }],
  'otpauth-list': [{ name: 'Text', extensions: ['txt'] }],
};

export function electronFilePicker(getWindow: () => BrowserWindow | undefined): FilePickerPort {
  const options: OpenDialogOptions = {
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp'] }],
  };
  return {
    pickImages: async () => {
      const win = getWindow();
      const result = await (win
        ? dialog.showOpenDialog(win, options)
        : dialog.showOpenDialog(options));
      return result.canceled ? null : result.filePaths;
    },
    pickIcon: async () => {
      const win = getWindow();
      const icon: OpenDialogOptions = {
        properties: ['openFile'],
        filters: [{ name: 'Pictures', extensions: ['png', 'jpg', 'jpeg', 'webp', 'svg'] }],
      };
      const result = await (win ? dialog.showOpenDialog(win, icon) : dialog.showOpenDialog(icon));
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

export function electronDialogs(getWindow: () => BrowserWindow | undefined): DialogPort {
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const win = getWindow();
    const result = await (win
      ? dialog.showOpenDialog(win, options)
      : dialog.showOpenDialog(options));
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    pickImportFile: () =>
      open({
        properties: ['openFile'],
        filters: [
          {
            name: 'Backups and exports',
            // xml: FreeOTP's tokens.xml (and Authy's, Battle.net's); bin: TOTP Authenticator;
            // maFile: Steam Desktop Authenticator.
            extensions: ['authdesk', 'json', '2fas', 'aes', 'txt', 'csv', 'xml', 'bin', 'maFile'],
          },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    pickFolder: () => open({ properties: ['openDirectory', 'createDirectory'] }),
    confirm: async (question: Question) => {
      // Cancel is the default and the answer to Escape: only a deliberate click says yes.
      const options: MessageBoxOptions = {
        type: 'question',
        title: question.title,
        message: question.message,
        detail: question.detail,
        buttons: [question.cancel, question.confirm],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const win = getWindow();
      const result = await (win
        ? dialog.showMessageBox(win, options)
        : dialog.showMessageBox(options));
      return result.response === 1;
    },
    pickSavePath: async (kind, defaultName) => {
      const options: SaveDialogOptions = {
        defaultPath: defaultName,
        filters: SAVE_FILTERS[kind],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const win = getWindow();
      const result = await (win
        ? dialog.showSaveDialog(win, options)
        : dialog.showSaveDialog(options));
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
