import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { AuthResponse, LoginBody, RegisterBody, User } from '@signal-room/protocol';
import { loginBodySchema, registerBodySchema } from '@signal-room/protocol';
import { ZodPipe } from '../common/zod-body.pipe';
import { AuthGuard, CurrentUser } from './auth.guard';
import { AuthService } from './auth.service';

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/register')
  register(@Body(new ZodPipe(registerBodySchema)) body: RegisterBody): Promise<AuthResponse> {
    return this.auth.register(body);
  }

  @Post('auth/login')
  @HttpCode(200)
  login(@Body(new ZodPipe(loginBodySchema)) body: LoginBody): Promise<AuthResponse> {
    return this.auth.login(body);
  }

  @Get('me')
  @UseGuards(AuthGuard)
  me(@CurrentUser() userId: string): Promise<User> {
    return this.auth.me(userId);
  }
}
