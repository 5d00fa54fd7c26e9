import type { DocumentAccess, DocumentId } from './documents';
import { DOCUMENT_IDS, documentAccess } from './documents';
import type { Role } from './room/state';
import { ROLES } from './room/state';

const EXPECTED: Record<DocumentId, Record<Role, DocumentAccess | null>> = {
  pad: { interviewer: 'write', candidate: 'write', observer: 'read' },
  scratch: { interviewer: 'write', candidate: null, observer: 'read' },
  board: { interviewer: 'write', candidate: 'write', observer: 'read' },
  sheet: { interviewer: 'write', candidate: 'write', observer: 'read' },
};

describe('documentAccess', () => {
  it.each(DOCUMENT_IDS.flatMap((documentId) => ROLES.map((role) => [documentId, role] as const)))(
    '%s for the %s',
    (documentId, role) => {
      expect(documentAccess(documentId, role)).toBe(EXPECTED[documentId][role]);
    },
  );

  it('narrows who writes by the settings: a locked pad is read by all, a board left to the candidate by the interviewer', () => {
    const locked = { padLocked: true, interviewerDraws: true };
    expect(ROLES.map((role) => documentAccess('pad', role, locked))).toEqual([
      'read',
      'read',
      'read',
    ]);
    const left = { padLocked: false, interviewerDraws: false };
    expect(ROLES.map((role) => documentAccess('board', role, left))).toEqual([
      'read',
      'write',
      'read',
    ]);
    expect(documentAccess('pad', 'candidate', left)).toBe('write');
    expect(documentAccess('scratch', 'candidate', locked)).toBeNull();
  });

  it('never lets a candidate near a document the staff keep to themselves', () => {
    const hidden = DOCUMENT_IDS.filter(
      (documentId) => documentAccess(documentId, 'candidate') === null,
    );
    expect(hidden).toEqual(['scratch']);
  });
});
