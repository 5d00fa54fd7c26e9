import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from './app.tokens';
import { CatalogModule } from './catalog/catalog.module';
import type { AppConfig } from './config';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  /** The database is opened (and migrated) before the app is built, so a bad one stops start-up. */
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [CatalogModule, HealthModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
      ],
      exports: [APP_CONFIG, DataSource],
    };
  }
}
