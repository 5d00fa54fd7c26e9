import { Injectable } from '@nestjs/common';
import {
  COMMUNICATION_MOVES,
  DRILLS,
  FAILURE_MODES,
  FLOOR_BEHAVIOURS,
  PROMPTS,
  ROUND_TYPES,
  SIGNALS,
} from '@signal-room/domain';
import type { CatalogResponse } from '@signal-room/protocol';
import { catalogResponseSchema } from '@signal-room/protocol';

@Injectable()
export class CatalogService {
  // Reference data never changes while the process runs: shape it once.
  private readonly response: CatalogResponse = catalogResponseSchema.parse({
    signals: SIGNALS,
    roundTypes: ROUND_TYPES,
    moves: COMMUNICATION_MOVES,
    drills: DRILLS,
    failureModes: FAILURE_MODES,
    floorBehaviours: FLOOR_BEHAVIOURS,
    prompts: PROMPTS.map(({ id, roundType, title, signals }) => ({
      id,
      roundType,
      title,
      signals,
    })),
  });

  catalog(): CatalogResponse {
    return this.response;
  }
}
