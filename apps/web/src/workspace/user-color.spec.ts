import { describe, expect, it } from '@jest/globals';
import { USER_COLORS, userColor } from './user-color';

// WCAG relative luminance and contrast ratio.
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((start) => {
    const value = parseInt(hex.slice(start, start + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

// A caret's name label is white text; the caret itself sits on our surfaces (--color-surface,
// --color-bg, --color-surface-sunken), the first of which is white too.
const SURFACES = ['#ffffff', '#f5f6f8', '#f0f2f5'];

describe('userColor', () => {
  it('gives the same person the same colour every time', () => {
    expect(userColor('2b0d6f3e-8a41-4c1e-9f57-0d1c2e3f4a5b')).toEqual(
      userColor('2b0d6f3e-8a41-4c1e-9f57-0d1c2e3f4a5b'),
    );
  });

  it('spreads people across the palette', () => {
    const ids = Array.from({ length: 200 }, (_, index) => `user-${index}`);
    const used = new Set(ids.map((id) => userColor(id).color));
    expect(used.size).toBe(USER_COLORS.length);
  });

  it.each(USER_COLORS)('%s carries white text and stands out on every surface', (color) => {
    for (const surface of SURFACES) expect(contrast(color, surface)).toBeGreaterThanOrEqual(4.5);
  });
});
