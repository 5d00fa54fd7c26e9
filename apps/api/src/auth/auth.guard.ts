import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { AppException } from '../common/app-exception';
import type { AuthenticatedUser } from './auth.service';
import { AuthService } from './auth.service';

type AuthenticatedRequest = Request & { user?: AuthenticatedUser };

export const bearerToken = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
};

/** Admits requests that carry a valid bearer token and records whose it is. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AppException('UNAUTHENTICATED', 'Sign in first.');
    request.user = await this.auth.verify(token);
    return true;
  }
}

const authenticated = (context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new AppException('UNAUTHENTICATED', 'Sign in first.');
  return user;
};

/** The id of the signed-in user, on a route behind AuthGuard. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => authenticated(context).id,
);

/** The verified token itself (user, expiry, token id), on a route behind AuthGuard. */
export const CurrentAuth = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser => authenticated(context),
);
