import { Module } from '@nestjs/common';
import { DrillsController } from './drills.controller';
import { DrillsService } from './drills.service';

@Module({
  controllers: [DrillsController],
  providers: [DrillsService],
  // Progress counts the drills done.
  exports: [DrillsService],
})
export class DrillsModule {}
