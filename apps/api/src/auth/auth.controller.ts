import { Body, Controller, Get, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import type {
  AuthResponse,
  ChangePasswordBody,
  LoginBody,
  RegisterBody,
  User,
} from '@signal-room/protocol';
import {
  authResponseSchema,
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  userSchema,
} from '@signal-room/protocol';
import type { Request } from 'express';
import { APP_CONFIG } from '../app.tokens';
import { ZodPipe } from '../common/zod-body.pipe';
import type { AppConfig } from '../config';
import { AuthGuard, CurrentAuth, CurrentUser } from './auth.guard';
import type { AuthenticatedUser } from './auth.service';
import { AuthService } from './auth.service';
import { clientAddress } from './client-address';
import { Responds, RespondsWith } from '../common/contract';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('auth/register')
  @Responds(authResponseSchema, 'Create an account and sign in')
  register(
    @Body(new ZodPipe(registerBodySchema)) body: RegisterBody,
    @Req() request: Request,
  ): Promise<AuthResponse> {
    return this.auth.register(body, this.clientOf(request));
  }

  @Post('auth/login')
  @Responds(authResponseSchema, 'Sign in; one message for any wrong credentials')
  @HttpCode(200)
  login(
    @Body(new ZodPipe(loginBodySchema)) body: LoginBody,
    @Req() request: Request,
  ): Promise<AuthResponse> {
    return this.auth.login(body, this.clientOf(request));
  }

  @Post('auth/logout')
  @RespondsWith({}, 'Sign out: the token is revoked on every node')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  logout(@CurrentAuth() token: AuthenticatedUser): Promise<void> {
    return this.auth.logout(token);
  }

  @Post('auth/password')
  @Responds(
    authResponseSchema,
    'Change the password (the current one required); revokes every earlier token',
  )
  @HttpCode(200)
  @UseGuards(AuthGuard)
  changePassword(
    @CurrentUser() userId: string,
    @Body(new ZodPipe(changePasswordBodySchema)) body: ChangePasswordBody,
    @Req() request: Request,
  ): Promise<AuthResponse> {
    return this.auth.changePassword(userId, body, this.clientOf(request));
  }

  @Get('me')
  @Responds(userSchema, 'The signed-in user')
  @UseGuards(AuthGuard)
  me(@CurrentUser() userId: string): Promise<User> {
    return this.auth.me(userId);
  }

  private clientOf(request: Request): string {
    return clientAddress(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      this.config.trustProxyHops,
    );
  }
}
