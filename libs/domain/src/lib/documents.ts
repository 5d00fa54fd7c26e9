// The shared documents of a session's workspace and who may do what with each. A closed list:
// a new document is added here and every switch over it fails to compile until its audience is
// decided.
import type { Role, WorkspaceSettings } from './room/state';
import { DEFAULT_WORKSPACE_SETTINGS, isStaff } from './room/state';

export const DOCUMENT_IDS = ['pad', 'scratch', 'board', 'sheet'] as const;
/**
 * pad: the shared code pad; scratch: the staff's private notes beside it; board: the drawing
 * board; sheet: the requirements or decision notes the candidate writes (sheet.ts).
 */
export type DocumentId = (typeof DOCUMENT_IDS)[number];

/**
 * Where the pad and the board keep their content inside their Yjs documents: the editors write
 * there, and the server reads there for the export. (The sheet keeps one text per section, named
 * by the section's id: sheet.ts.)
 */
export const DOCUMENT_CONTENT = { pad: 'code', board: 'elements' } as const;

export const DOCUMENT_ACCESS = ['write', 'read'] as const;
export type DocumentAccess = (typeof DOCUMENT_ACCESS)[number];

/**
 * What `role` may do with `documentId`, or null when the document must not reach them at all.
 * The pad is the candidate's and the interviewer's to write; observers follow it. The scratch
 * document is the interviewer's; observers are staff (they see scores and evidence), so they may
 * read it, but it never reaches a candidate. The board and the sheet are written like the pad.
 * The interviewer's settings narrow it: a locked pad is read by everyone, and an interviewer who
 * leaves the drawing to the candidate reads the board.
 */
export function documentAccess(
  documentId: DocumentId,
  role: Role,
  settings: WorkspaceSettings = DEFAULT_WORKSPACE_SETTINGS,
): DocumentAccess | null {
  const writer = role !== 'observer';
  switch (documentId) {
    case 'pad':
      return writer && !settings.padLocked ? 'write' : 'read';
    case 'board':
      return writer && (role !== 'interviewer' || settings.interviewerDraws) ? 'write' : 'read';
    case 'sheet':
      return writer ? 'write' : 'read';
    case 'scratch':
      if (!isStaff(role)) return null;
      return role === 'interviewer' ? 'write' : 'read';
  }
}

/**
 * The colours people get in a shared document (their caret, name label and selection tint), in
 * the order a person's id picks from. Each carries white text at 4.5:1 or more and stands out
 * from the page's surfaces. Kept here because the server's page policy admits exactly the style
 * attributes the editor writes for them.
 */
export const USER_COLORS = [
  '#1d5fa6',
  '#0f6f6a',
  '#2e6b2e',
  '#7a5a00',
  '#a4460f',
  '#b02a37',
  '#a0307a',
  '#6a3fb5',
  '#3949ab',
  '#00708a',
] as const;

/** A selection's tint: the person's colour at a fifth of its strength (hex alpha 33). */
export const selectionTint = (color: string): string => `${color}33`;
