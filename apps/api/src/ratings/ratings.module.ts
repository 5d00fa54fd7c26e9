import { Module } from '@nestjs/common';
import { FeedbackRepositoryModule } from '../feedback/feedback-repository.module';
import { RoomsModule } from '../rooms/rooms.module';
import { SessionsModule } from '../sessions/sessions.module';
import { RatingsController } from './ratings.controller';
import { RatingsService } from './ratings.service';

@Module({
  imports: [SessionsModule, RoomsModule, FeedbackRepositoryModule],
  controllers: [RatingsController],
  providers: [RatingsService],
  // Peer matching, when it comes, reads partners' profiles through the service.
  exports: [RatingsService],
})
export class RatingsModule {}
