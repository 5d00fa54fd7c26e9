import { ParseUUIDPipe } from '@nestjs/common';
import { AppException } from './app-exception';

/** Ids in paths are UUIDs; anything else is a coded INVALID_PAYLOAD, not a database error. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => new AppException('INVALID_PAYLOAD', 'That id is not a valid UUID.'),
});
