import type { CatalogResponse } from '@signal-room/protocol';
import { useMemo } from 'react';
import { DrillsSection } from './drills-section';
import { MovesSection } from './moves-section';
import { RoundMap } from './round-map';
import { signalNamesOf } from './signal-names';
import { SignalsSection } from './signals-section';
import styles from './catalog-page.module.css';

export function CatalogPage({ catalog }: { catalog: CatalogResponse }) {
  const names = useMemo(() => signalNamesOf(catalog.signals), [catalog.signals]);
  return (
    <>
      <SignalsSection signals={catalog.signals} />
      <RoundMap catalog={catalog} names={names} />
      <div className={styles.pair}>
        <MovesSection moves={catalog.moves} names={names} />
        <DrillsSection drills={catalog.drills} names={names} />
      </div>
    </>
  );
}
