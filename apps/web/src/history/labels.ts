import type { Role } from '@signal-room/domain';

export const ROLE_LABELS: Record<Role, string> = {
  interviewer: 'Interviewer',
  candidate: 'Candidate',
  observer: 'Observer',
};

export const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
