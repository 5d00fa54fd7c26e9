import type { PipeTransform } from '@nestjs/common';
import { issuesOf } from '@signal-room/protocol';
import type { z } from 'zod';
import { AppException } from './app-exception';

/** Parses a request part with its protocol schema; anything else is INVALID_PAYLOAD. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new AppException('INVALID_PAYLOAD', 'The request is not valid.', issuesOf(result.error));
  }
}
