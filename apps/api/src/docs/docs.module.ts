import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ApiRoutes } from './api-routes';
import { DocsController } from './docs.controller';

@Module({ imports: [DiscoveryModule], controllers: [DocsController], providers: [ApiRoutes] })
export class DocsModule {}
