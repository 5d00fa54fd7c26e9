import type { Type } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { API_PREFIX } from '../app.tokens';
import type { ApiRoute } from './openapi';
import { routesOf } from './openapi';

/** Every HTTP route the app mounted, found through Nest's own controller registry. */
@Injectable()
export class ApiRoutes {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  list(): ApiRoute[] {
    return this.discovery.getControllers().flatMap(({ metatype }) => {
      if (!metatype) return [];
      const controller = metatype as Type;
      return routesOf(
        controller,
        API_PREFIX,
        this.scanner.getAllMethodNames(controller.prototype as object),
      );
    });
  }
}
