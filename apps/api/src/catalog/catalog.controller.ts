import { Controller, Get } from '@nestjs/common';
import type { CatalogResponse } from '@signal-room/protocol';
import { catalogResponseSchema } from '@signal-room/protocol';
import { CatalogService } from './catalog.service';
import { Responds } from '../common/contract';

@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Responds(catalogResponseSchema, 'Signals, rubric, round types, moves, drills, prompt summaries')
  get(): CatalogResponse {
    return this.catalog.catalog();
  }
}
