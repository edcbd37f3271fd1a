/** Mounts the playground into the page. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import type { Boot } from './boot.ts';
import './styles.css';

export function mount(root: HTMLElement, boot: Boot): void {
  createRoot(root).render(
    <StrictMode>
      <App boot={boot} />
    </StrictMode>,
  );
}
