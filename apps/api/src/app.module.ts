import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ErrorFilter } from './common/error.filter';
import { RateLimiters } from './common/rate-limiters';
import type { LogSink } from './observability/observability.module';
import { ObservabilityModule } from './observability/observability.module';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from './app.tokens';
import { CatalogModule } from './catalog/catalog.module';
import type { AppConfig } from './config';
import { HealthModule } from './health/health.module';
import { AuthModule } from './auth/auth.module';
import { RoomsModule } from './rooms/rooms.module';
import { FeedbackModule } from './feedback/feedback.module';
import { HistoryModule } from './history/history.module';
import { RatingsModule } from './ratings/ratings.module';
import { AuditModule } from './audit/audit.module';
import { DocsModule } from './docs/docs.module';
import { DrillsModule } from './drills/drills.module';
import { InvitesModule } from './invites/invites.module';
import { SessionsModule } from './sessions/sessions.module';
import { DocumentsModule } from './documents/documents.module';
import { CallsModule } from './calls/calls.module';
import { RecordingsModule } from './recordings/recordings.module';

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  /** The app was handed an open database; it closes it when it stops. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** The database is opened (and migrated) before the app is built, so a bad one stops start-up. */
  static register(config: AppConfig, dataSource: DataSource, logSink?: LogSink): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ObservabilityModule.register(logSink),
        AuthModule,
        CatalogModule,
        HealthModule,
        SessionsModule,
        InvitesModule,
        RoomsModule,
        DocumentsModule,
        CallsModule,
        RecordingsModule,
        FeedbackModule,
        HistoryModule,
        DrillsModule,
        RatingsModule,
        AuditModule,
        DocsModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: APP_FILTER, useClass: ErrorFilter },
        RateLimiters,
      ],
      exports: [APP_CONFIG, DataSource, RateLimiters],
    };
  }
}
