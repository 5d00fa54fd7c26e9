import { TextDecoder, TextEncoder } from 'node:util';
// Matchers for both the global `expect` and the one imported from @jest/globals.
import '@testing-library/jest-dom';
import '@testing-library/jest-dom/jest-globals';

// jsdom lacks the encoders react-router reads when it loads.
Object.assign(globalThis, { TextEncoder, TextDecoder });

// jsdom has no fetch Request, and react-router's data routers make one for each navigation,
// reading only its address, method and abort signal.
class NavigationRequest {
  readonly url: string;
  readonly method: string;
  readonly signal: AbortSignal | null;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.method = init.method ?? 'GET';
    this.signal = init.signal ?? null;
  }
}
if (!('Request' in globalThis)) Object.assign(globalThis, { Request: NavigationRequest });

// jsdom lays nothing out, and CodeMirror measures its text through ranges: an empty measure
// leaves it at its default sizes.
Range.prototype.getClientRects = () => document.createElement('div').getClientRects();
Range.prototype.getBoundingClientRect = () => document.createElement('div').getBoundingClientRect();
