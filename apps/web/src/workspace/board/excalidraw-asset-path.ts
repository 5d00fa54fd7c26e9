// Where Excalidraw loads its fonts from. Read as its module is evaluated, so this is set by the
// app's entry, before any chunk of the board loads; the fonts are served from our own build (see
// apps/web/excalidraw-assets.mts), and only Excalidraw's fallback would be its CDN.
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

window.EXCALIDRAW_ASSET_PATH = `${window.location.origin}/assets/excalidraw/`;

export {};
