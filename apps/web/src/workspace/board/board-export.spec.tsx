import type { ExcalidrawImperativeAPI } from '@excalidraw/excalidraw/types';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BoardExport } from './board-export';

const exportToBlob = jest.fn<Promise<Blob>, [Record<string, unknown>]>();
const exportToSvg = jest.fn<Promise<SVGSVGElement>, [Record<string, unknown>]>();
jest.mock('@excalidraw/excalidraw', () => ({
  exportToBlob: (options: Record<string, unknown>) => exportToBlob(options),
  exportToSvg: (options: Record<string, unknown>) => exportToSvg(options),
}));

const drawn = [{ id: 'box', type: 'rectangle' }];
const api = {
  getSceneElements: () => drawn,
  getFiles: () => ({}),
} as unknown as ExcalidrawImperativeAPI;

// jsdom has no object URLs and does not download: what the link was given is what is checked.
const clicked: { href: string; download: string }[] = [];
beforeEach(() => {
  exportToBlob.mockReset();
  exportToSvg.mockReset();
  clicked.length = 0;
  URL.createObjectURL = jest.fn(() => 'blob:picture');
  URL.revokeObjectURL = jest.fn();
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicked.push({ href: this.href, download: this.download });
  });
});

describe('BoardExport', () => {
  it('offers nothing to download while nothing is drawn, and says why', () => {
    render(<BoardExport api={api} empty sessionId="s1" />);
    for (const name of ['Download PNG', 'Download SVG']) {
      const button = screen.getByRole('button', { name });
      expect(button).toBeDisabled();
      expect(button).toHaveAttribute('title', 'Nothing is drawn on the board yet');
    }
  });

  it('downloads the drawn elements as a PNG on white, named after the session', async () => {
    exportToBlob.mockResolvedValue(new Blob(['png'], { type: 'image/png' }));
    render(<BoardExport api={api} empty={false} sessionId="s1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Download PNG' }));
    await waitFor(() =>
      expect(clicked).toEqual([{ href: 'blob:picture', download: 'signal-room-board-s1.png' }]),
    );
    expect(exportToBlob).toHaveBeenCalledWith(
      expect.objectContaining({
        elements: drawn,
        mimeType: 'image/png',
        appState: expect.objectContaining({
          exportBackground: true,
          viewBackgroundColor: '#ffffff',
        }) as unknown,
      }),
    );
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:picture'));
  });

  it('says so in the page when the picture cannot be made', async () => {
    exportToSvg.mockRejectedValue(new Error('the fonts are out of reach'));
    render(<BoardExport api={api} empty={false} sessionId="s1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Download SVG' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The SVG could not be made: the fonts are out of reach',
    );
    expect(clicked).toEqual([]);
    expect(screen.getByRole('button', { name: 'Download SVG' })).toBeEnabled();
  });
});
