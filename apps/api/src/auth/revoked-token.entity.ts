import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A token signed out before its expiry; kept until then, after which it is refused anyway. */
@Entity('revoked_tokens')
export class RevokedTokenEntity {
  /** The token's `jti`. */
  @PrimaryColumn({ name: 'jti', type: 'uuid' })
  tokenId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
