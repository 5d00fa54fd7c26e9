import type { RoundTypeId } from '@signal-room/domain';
import type { CatalogResponse } from '@signal-room/protocol';
import { useState } from 'react';
import { LayerLegend } from './layer-legend';
import { RoundDetail } from './round-detail';
import { RoundTable } from './round-table';
import type { SignalNames } from './signal-names';
import pageStyles from './catalog-page.module.css';
import styles from './round-map.module.css';

const DETAIL_ID = 'round-detail';

export function RoundMap({ catalog, names }: { catalog: CatalogResponse; names: SignalNames }) {
  const { roundTypes, signals, prompts, floorBehaviours } = catalog;
  const [selectedId, setSelectedId] = useState<RoundTypeId | undefined>(roundTypes[0]?.id);
  const selected = roundTypes.find((roundType) => roundType.id === selectedId);

  return (
    <section id="round-map" className={pageStyles.section} aria-labelledby="round-map-heading">
      <div className={pageStyles.intro}>
        <h2 id="round-map-heading">Round map</h2>
        <p>
          Each round type exists to measure a few signals and picks up others along the way. Choose
          a round to see, below the map, the phases a strong answer moves through and its prompts.
        </p>
      </div>
      <LayerLegend floorBehaviours={floorBehaviours} />
      {selected ? (
        <div className={styles.layout}>
          <RoundTable
            roundTypes={roundTypes}
            signals={signals}
            selected={selected.id}
            onSelect={setSelectedId}
            detailId={DETAIL_ID}
          />
          <RoundDetail
            id={DETAIL_ID}
            roundType={selected}
            prompts={prompts.filter((prompt) => prompt.roundType === selected.id)}
            names={names}
          />
        </div>
      ) : (
        <p>No round types are defined yet.</p>
      )}
    </section>
  );
}
