// Electron adapters: the open dialogs for screenshots and import files, the save dialog, and the
// folder dialog for automatic backups.
import {
  dialog,
  type BrowserWindow,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import type { DialogPort, FilePickerPort, SaveKind } from '../ports';

const SAVE_FILTERS: Record<SaveKind, SaveDialogOptions['filters']> = {
  backup: [{ name: 'Authdesk backup', extensions: ['authdesk'] }],
  'otpauth-list': [{ name: 'Text', extensions: ['txt'] }],
};

export function electronFilePicker(getWindow: () => BrowserWindow | undefined): FilePickerPort {
  const options: OpenDialogOptions = {
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg'] }],
  };
  return {
    pickImages: async () => {
      const win = getWindow();
      const result = await (win
        ? dialog.showOpenDialog(win, options)
        : dialog.showOpenDialog(options));
      return result.canceled ? null : result.filePaths;
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
            extensions: ['authdesk', 'json', '2fas', 'aes', 'txt', 'csv'],
          },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    pickFolder: () => open({ properties: ['openDirectory', 'createDirectory'] }),
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
