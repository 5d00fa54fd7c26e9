import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/auth-store';

/** Pages behind sign-in; a signed-out visitor is sent to sign in and brought back after. */
export function RequireAuth() {
  const auth = useAuth();
  const location = useLocation();
  if (auth) return <Outlet />;
  const next = encodeURIComponent(location.pathname + location.search);
  return <Navigate to={`/signin?next=${next}`} replace />;
}
