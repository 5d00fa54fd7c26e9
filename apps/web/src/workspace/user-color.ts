import { USER_COLORS, selectionTint } from '@signal-room/domain';

export { USER_COLORS };

export interface UserColor {
  color: string;
  /** The colour of a remote selection: a tint that keeps the text over it readable. */
  colorLight: string;
}

/** Where a person's colour sits in USER_COLORS: the same on every screen and after every reload. */
export function userColorIndex(userId: string): number {
  // FNV-1a: cheap and spreads similar ids (UUIDs differing late) across the palette.
  let hash = 0x811c9dc5;
  for (let index = 0; index < userId.length; index++) {
    hash ^= userId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % USER_COLORS.length;
}

/** The person's colour for their caret, name label and selection. */
export function userColor(userId: string): UserColor {
  const color = USER_COLORS[userColorIndex(userId)];
  return { color, colorLight: selectionTint(color) };
}
