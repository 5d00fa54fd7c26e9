import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { InvitesController } from './invites.controller';
import { InvitesService } from './invites.service';

@Module({
  imports: [SessionsModule],
  controllers: [InvitesController],
  providers: [InvitesService],
})
export class InvitesModule {}
