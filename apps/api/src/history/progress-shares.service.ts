import { Inject, Injectable } from '@nestjs/common';
import type { ProgressShare, SharedProgressResponse } from '@signal-room/protocol';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import { AuthService } from '../auth/auth.service';
import { AppException } from '../common/app-exception';
import { hashLinkToken, newLinkToken } from '../common/link-tokens';
import type { AppConfig } from '../config';
import { HistoryService } from './history.service';
import { ProgressShareEntity } from './progress-share.entity';

const toShare = (share: ProgressShareEntity): ProgressShare => ({
  id: share.id,
  token: null,
  url: null,
  createdAt: share.createdAt.toISOString(),
  revokedAt: share.revokedAt?.toISOString() ?? null,
});

/** Read-only links to a candidate's progress, which they make and revoke themselves. */
@Injectable()
export class ProgressSharesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The token is shown once, at creation; only its hash is stored. */
  async create(userId: string): Promise<ProgressShare> {
    const token = newLinkToken();
    const share = await this.dataSource.manager.save(ProgressShareEntity, {
      userId,
      tokenHash: hashLinkToken(token),
      revokedAt: null,
    });
    return { ...toShare(share), token, url: `${this.config.publicUrl}/progress/${token}` };
  }

  async list(userId: string): Promise<ProgressShare[]> {
    const shares = await this.dataSource.manager.find(ProgressShareEntity, {
      where: { userId },
      order: { createdAt: 'ASC' },
    });
    return shares.map(toShare);
  }

  /** Revoking twice is harmless; another person's link is as unknown as one that never was. */
  async revoke(userId: string, shareId: string): Promise<ProgressShare> {
    const share = await this.dataSource.manager.findOneBy(ProgressShareEntity, {
      id: shareId,
      userId,
    });
    if (!share) throw new AppException('NOT_FOUND', 'You have no share link with this id.');
    share.revokedAt ??= new Date();
    await this.dataSource.manager.save(share);
    return toShare(share);
  }

  /**
   * What a share link shows whoever holds it: the released scores and hidden signals, never a
   * self-score or a note. A revoked link says so, so its holder knows it will not come back.
   */
  async shared(token: string): Promise<SharedProgressResponse> {
    const share = await this.dataSource.manager.findOneBy(ProgressShareEntity, {
      tokenHash: hashLinkToken(token),
    });
    if (!share) {
      throw new AppException('NOT_FOUND', 'No progress page has this address.');
    }
    if (share.revokedAt) {
      throw new AppException('SHARE_REVOKED', 'Its owner has stopped sharing this progress page.');
    }
    const [names, progress] = await Promise.all([
      this.auth.displayNames([share.userId]),
      this.history.progress(share.userId),
    ]);
    return {
      displayName: names.get(share.userId) ?? 'Unknown',
      signals: progress.signals.map(({ signal, points }) => ({
        signal,
        points: points.map(({ selfScore: _self, ...point }) => point),
      })),
      rounds: progress.rounds,
      drillsDone: progress.drillsDone,
    };
  }
}
