import { Link, useLocation } from 'react-router';
import { HomeLink } from '../ui/home-link';
import styles from './status-page.module.css';

/** Any address the app has no page for. */
export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <div className={styles.page}>
      <title>Page not found · Signal Room</title>
      <p className={styles.eyebrow}>Page not found</p>
      <h1 className={styles.title}>There is no page at this address</h1>
      <p>
        Nothing lives at <code className={styles.address}>{pathname}</code>. The link may be
        mistyped or out of date.
      </p>
      <div className={styles.actions}>
        <HomeLink className="button button--primary" />
        <Link to="/catalog" className="button">
          See the signals and rounds
        </Link>
      </div>
    </div>
  );
}
