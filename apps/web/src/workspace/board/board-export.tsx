import { exportToBlob, exportToSvg } from '@excalidraw/excalidraw';
import type { ExcalidrawImperativeAPI } from '@excalidraw/excalidraw/types';
import { useState } from 'react';
import styles from './board.module.css';

type ImageFormat = 'png' | 'svg';

/** A picture of the board as someone would print it: light, on white, whatever the screen shows. */
const PICTURE = {
  exportBackground: true,
  viewBackgroundColor: '#ffffff',
  exportWithDarkMode: false,
};

/** The board's drawn elements, without its deleted ones, as a file of the format. */
async function picture(api: ExcalidrawImperativeAPI, format: ImageFormat): Promise<Blob> {
  const scene = { elements: api.getSceneElements(), appState: PICTURE, files: api.getFiles() };
  if (format === 'png') return exportToBlob({ ...scene, mimeType: 'image/png' });
  // Excalidraw would inline its fonts cut down to the glyphs used, but its cutter (WebAssembly
  // behind glue code that builds functions from strings) needs eval, which our pages' policy
  // refuses: the file names its faces instead, and opened elsewhere draws the text in a face of
  // that machine's own.
  const svg = await exportToSvg({ ...scene, skipInliningFonts: true });
  return new Blob([svg.outerHTML], { type: 'image/svg+xml' });
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download reads the blob after this task: revoked any sooner, it could find nothing.
  setTimeout(() => URL.revokeObjectURL(url));
}

export interface BoardExportProps {
  /** The board's Excalidraw, once it is ready. */
  api: ExcalidrawImperativeAPI | null;
  /** Whether nothing is drawn: there is no picture to take. */
  empty: boolean;
  /** The session the board belongs to, which the files are named after. */
  sessionId: string;
}

/** The board downloaded as a picture, PNG or SVG, drawn here from what this browser holds. */
export function BoardExport({ api, empty, sessionId }: BoardExportProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (format: ImageFormat) => {
    if (!api) return;
    setBusy(true);
    setProblem(null);
    try {
      download(await picture(api, format), `signal-room-board-${sessionId}.${format}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setProblem(`The ${format.toUpperCase()} could not be made: ${reason}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.export}>
      {(['png', 'svg'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button"
          disabled={!api || empty || busy}
          title={empty ? 'Nothing is drawn on the board yet' : undefined}
          onClick={() => void save(format)}
        >
          Download {format.toUpperCase()}
        </button>
      ))}
      {problem && (
        <p className={styles.problem} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
