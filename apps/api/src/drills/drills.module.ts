import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { DrillsController } from './drills.controller';
import { DrillsService } from './drills.service';

@Module({
  imports: [SessionsModule],
  controllers: [DrillsController],
  providers: [DrillsService],
  // Progress counts the drills done.
  exports: [DrillsService],
})
export class DrillsModule {}
