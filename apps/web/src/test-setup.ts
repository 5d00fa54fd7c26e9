import { TextDecoder, TextEncoder } from 'node:util';
// Matchers for both the global `expect` and the one imported from @jest/globals.
import '@testing-library/jest-dom';
import '@testing-library/jest-dom/jest-globals';

// jsdom lacks the encoders react-router reads when it loads.
Object.assign(globalThis, { TextEncoder, TextDecoder });
