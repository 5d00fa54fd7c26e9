import { Module } from '@nestjs/common';
import { FeedbackRepository } from './feedback.repository';

// Apart from FeedbackModule, which imports sessions and rooms: features those import can read
// feedback too.
@Module({ providers: [FeedbackRepository], exports: [FeedbackRepository] })
export class FeedbackRepositoryModule {}
