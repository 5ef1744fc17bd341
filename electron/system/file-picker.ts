// Electron adapter: the open dialog for choosing one or more screenshots.
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { FilePickerPort } from '../import/ports';

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
