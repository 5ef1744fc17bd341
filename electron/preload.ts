// Exposes window.authdesk to the sandboxed renderer: the IPC contract mapped onto ipcRenderer, no logic.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AuthdeskBridge } from '../shared/ipc';
import { EVENTS, METHODS, channelOf } from '../shared/ipc-channels';

const bridge: AuthdeskBridge = {
  invoke: (method, args) => {
    if (!(METHODS as readonly string[]).includes(method))
      return Promise.reject(new Error('Unknown method'));
    return ipcRenderer.invoke(channelOf(method), args);
  },
  on: (event, listener) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error('Unknown event');
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channelOf(event), wrapped);
    return () => void ipcRenderer.off(channelOf(event), wrapped);
  },
};

contextBridge.exposeInMainWorld('authdesk', bridge);
