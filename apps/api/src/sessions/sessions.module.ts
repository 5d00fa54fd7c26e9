import { Module } from '@nestjs/common';
import { SessionDirectoryService } from './session-directory.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [SessionsController],
  providers: [SessionsService, SessionDirectoryService],
  exports: [SessionsService, SessionDirectoryService],
})
export class SessionsModule {}
