import type { ExerciseDrillId } from '@signal-room/domain';
import { drillById } from '@signal-room/domain';
import { Link } from 'react-router';
import { PartnerRoom } from './partner-room';
import styles from './drills.module.css';

/** The top of a drill's page: its name, what it is for, how it runs here, and with a partner. */
export function DrillHeader({
  drill,
  children,
}: {
  drill: ExerciseDrillId;
  children: React.ReactNode;
}) {
  const { name, description } = drillById(drill);
  return (
    <header className={styles.header}>
      <p className={styles.crumb}>
        <Link to="/drills">Drills</Link>
      </p>
      <h1 className={styles.title}>{name}</h1>
      <p className={styles.lede}>{description}</p>
      <div className={styles.howTo}>{children}</div>
      <PartnerRoom drill={drill} />
    </header>
  );
}
