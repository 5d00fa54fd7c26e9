const FALLBACK = '/dashboard';

/**
 * Where to go once signed in: the `next` query parameter when it is a path on this site, else the
 * dashboard. '//host' and '/\host' are read by browsers as another site, so they are refused.
 */
export function nextPathFrom(params: URLSearchParams): string {
  const next = params.get('next');
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return FALLBACK;
  return next;
}

/** A link to sign in or create an account that comes back to `next` afterwards. */
export const withNext = (path: '/signin' | '/signup', next: string): string =>
  next === FALLBACK ? path : `${path}?next=${encodeURIComponent(next)}`;
