import { Controller, Get } from '@nestjs/common';
import type { CatalogResponse } from '@signal-room/protocol';
import { CatalogService } from './catalog.service';

@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  get(): CatalogResponse {
    return this.catalog.catalog();
  }
}
