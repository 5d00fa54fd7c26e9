// First: Excalidraw reads where its fonts are as its chunk loads, which may be before the board's.
import './workspace/board/excalidraw-asset-path';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
