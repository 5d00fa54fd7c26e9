import { Link } from 'react-router';
import { useAuth } from '../auth/auth-store';

/** The way back to solid ground: the dashboard when signed in, else the front page. */
export function HomeLink({ className }: { className?: string }) {
  return useAuth() ? (
    <Link to="/dashboard" className={className}>
      Go to your sessions
    </Link>
  ) : (
    <Link to="/" className={className}>
      Go to the home page
    </Link>
  );
}
