import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthThrottle } from './auth-throttle';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, AuthGuard, AuthThrottle],
  exports: [AuthService, AuthGuard],
})
export class AuthModule {}
