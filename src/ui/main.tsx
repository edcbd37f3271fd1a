/**
 * Entry: starts the engine worker and the first dataset load right away, then loads the UI
 * bundle (React, CodeMirror, uPlot) in parallel and mounts it.
 */
import { startBoot } from './boot.ts';

const boot = startBoot();
const { mount } = await import('./mount.tsx');
mount(document.getElementById('root')!, boot);
