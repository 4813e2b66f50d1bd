// Sandboxed preload: bundled to CommonJS, so it can only use electron's sandbox-safe modules and what is inlined here.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './api';

contextBridge.exposeInMainWorld(
  'counterpart',
  buildBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
