import { Module } from '@nestjs/common';
import { RoomsModule } from '../rooms/rooms.module';
import { DocumentUpdatesRepository } from './document-updates.repository';
import { DocumentsController } from './documents.controller';
import { DocumentsGateway } from './documents.gateway';
import { DocumentsService } from './documents.service';

/**
 * The room's shared documents: a channel of its socket, wired on by the rooms gateway, and their
 * replay over REST.
 */
@Module({
  imports: [RoomsModule],
  controllers: [DocumentsController],
  providers: [DocumentUpdatesRepository, DocumentsService, DocumentsGateway],
  exports: [DocumentsService],
})
export class DocumentsModule {}
