import { PAD_LANGUAGES, isRunnable } from './runs';

describe('isRunnable', () => {
  it('runs JavaScript, TypeScript and Python in the browser, and writes the other languages', () => {
    expect(PAD_LANGUAGES.filter(isRunnable)).toEqual(['javascript', 'typescript', 'python']);
    expect(isRunnable('')).toBe(false);
  });
});
