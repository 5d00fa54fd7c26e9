import { useId, useState } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-store';
import { signOut } from '../auth/sign-out';
import styles from './site-header.module.css';

const SIGNED_IN = [
  { to: '/dashboard', label: 'Sessions' },
  { to: '/sessions/new', label: 'New session' },
  { to: '/history', label: 'History' },
  { to: '/drills', label: 'Drills' },
  { to: '/progress', label: 'Progress' },
  { to: '/profile', label: 'As interviewer' },
  { to: '/catalog', label: 'Signals & rounds' },
  { to: '/account', label: 'Account' },
] as const;

export function SiteHeader() {
  const auth = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // On a phone the links fold behind a menu button; open on one page only, the menu is closed
  // again by going anywhere.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const navId = useId();
  return (
    <header className={`${styles.header} ${open ? styles.open : ''}`}>
      <div className={styles.inner}>
        <div className={styles.brand}>
          <NavLink to="/" className={styles.title}>
            Signal Room
          </NavLink>
          <p className={styles.tagline}>
            Practise senior engineering interviews together, scored on the evidence a real loop
            looks for.
          </p>
        </div>
        <button
          type="button"
          className={`button no-print ${styles.menuButton}`}
          aria-expanded={open}
          aria-controls={navId}
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          Menu
        </button>
        <nav id={navId} aria-label="Main" className={styles.nav}>
          <ul className={styles.links}>
            {auth ? (
              <>
                {SIGNED_IN.map((link) => (
                  <li key={link.to}>
                    <NavLink to={link.to}>{link.label}</NavLink>
                  </li>
                ))}
                <li>
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => {
                      void signOut();
                      void navigate('/');
                    }}
                  >
                    Sign out {auth.user.displayName}
                  </button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/catalog">Signals & rounds</NavLink>
                </li>
                <li>
                  <NavLink to="/signin">Sign in</NavLink>
                </li>
                <li>
                  <NavLink to="/signup" className="button button--primary">
                    Create account
                  </NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
