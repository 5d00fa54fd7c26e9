import type { ExerciseDrillId } from '@signal-room/domain';
import { apiError, drillSubmissionSchema, issuesOf } from '@signal-room/protocol';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { saveDrillResult } from '../api/client';

/**
 * Checks a finished drill with the schema the server uses, saves it and opens its result; a
 * refusal, here or from the server, is kept to show beside the form.
 */
export function useSaveDrill(drill: ExerciseDrillId): {
  save: (payload: unknown) => void;
  saving: boolean;
  error: unknown;
} {
  const navigate = useNavigate();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = (payload: unknown) => {
    const parsed = drillSubmissionSchema.safeParse({ drill, payload });
    if (!parsed.success) {
      setError(
        apiError('INVALID_PAYLOAD', 'Some answers need another look.', issuesOf(parsed.error)),
      );
      return;
    }
    setSaving(true);
    setError(null);
    saveDrillResult(parsed.data).then(
      (result) => void navigate(`/drills/results/${result.id}`),
      (failure: unknown) => {
        setSaving(false);
        setError(failure);
      },
    );
  };
  return { save, saving, error };
}
