// The preload: exposes window.desk (the API, menu events, printing) to the sandboxed page, and nothing else.
// Bundled as CommonJS: a sandboxed preload cannot be an ES module.

import { contextBridge, ipcRenderer } from 'electron';
import { createDeskBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('desk', createDeskBridge(ipcRenderer));
