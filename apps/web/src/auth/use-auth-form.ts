import type { AuthResponse } from '@signal-room/protocol';
import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { setAuth } from './auth-store';

type AuthFormOptions<Field extends string, Body> = {
  schema: z.ZodType<Body>;
  /** The form's fields in page order: the first refused one takes focus. */
  fields: readonly Field[];
  send: (body: Body) => Promise<AuthResponse>;
} & (
  | {
      /** Where a signed-in person goes. */
      next: string;
    }
  | {
      /** Called once signed in, for a form whose page stays (a password change). */
      onDone: () => void;
    }
);

/**
 * What sign-in, sign-up and a password change share: the values are checked against the
 * request's schema before anything is sent (refused fields are marked and the first takes
 * focus), then sent once; the answer signs the person in, a failure is kept to show.
 */
export function useAuthForm<Field extends string, Body>(options: AuthFormOptions<Field, Body>) {
  const { schema, fields, send } = options;
  const navigate = useNavigate();
  const [invalid, setInvalid] = useState<ReadonlySet<Field>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const elements = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});

  async function submit(event: FormEvent<HTMLFormElement>, values: unknown) {
    event.preventDefault();
    if (busy) return;
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const refused = new Set(parsed.error.issues.map((issue) => issue.path[0] as Field));
      setInvalid(refused);
      const first = fields.find((field) => refused.has(field));
      if (first) elements.current[first]?.focus();
      return;
    }
    setInvalid(new Set());
    setFailure(null);
    setBusy(true);
    try {
      setAuth(await send(parsed.data));
      if ('next' in options) {
        void navigate(options.next, { replace: true });
      } else {
        setBusy(false);
        options.onDone();
      }
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return {
    invalid,
    busy,
    failure,
    submit,
    /** The ref of a field's input, so the form can move focus to it. */
    inputRef: (field: Field) => (element: HTMLInputElement | null) => {
      elements.current[field] = element;
    },
  };
}
