import type { DocumentChannel } from '@signal-room/room-client';
import { summary } from './support/cluster';
import { convergence, synced } from './support/documents';
import { waitUntil } from './support/processes';
import { ClusterClient } from './support/room-client';
import { clusterForSuite } from './support/suite';

const TOKENS_EACH = 120;
const KILL_AFTER = 40;
const TOKEN = /[ic]\d{3};/g;

const textOf = (channel: DocumentChannel) => channel.doc.getText('code').toString();

/**
 * One typist: `count` tokens such as `i017;`, one insert each (a keystroke's update), at a
 * random token boundary, so every token stays whole and can be counted at the end.
 */
async function type(
  channel: DocumentChannel,
  prefix: 'i' | 'c',
  count: number,
  typed: string[],
): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    const code = channel.doc.getText('code');
    const text = code.toString();
    const boundaries = [0, ...[...text.matchAll(/;/g)].map((match) => (match.index ?? 0) + 1)];
    const at = boundaries[Math.floor(Math.random() * boundaries.length)] ?? 0;
    const token = `${prefix}${String(n).padStart(3, '0')};`;
    code.insert(at, token);
    typed.push(token);
    await new Promise((resolve) => setTimeout(resolve, 8 + Math.random() * 8));
  }
}

describe('losing a node while both people type in the pad', () => {
  const suite = clusterForSuite();

  it('SIGKILL: the typist on the dead node moves, the pad converges, nothing typed is lost or doubled', async () => {
    const started = Date.now();
    const room = await suite.openRoom('pad-kill', {
      interviewer: 'a',
      observer: 'a',
      candidate: 'b',
    });
    await room.interviewer.send('timer.start', {});
    const ivo = room.clients.interviewer.document('pad');
    const cleo = room.clients.candidate.document('pad');
    await waitUntil('both pads to open', () => synced(ivo) && synced(cleo), 10_000);

    const typed = { interviewer: [] as string[], candidate: [] as string[] };
    const typing = Promise.all([
      type(ivo, 'i', TOKENS_EACH, typed.interviewer),
      type(cleo, 'c', TOKENS_EACH, typed.candidate),
    ]);
    await waitUntil('typing to be under way', () => typed.interviewer.length >= KILL_AFTER, 20_000);
    const killedAt = Date.now();
    const before = { interviewer: typed.interviewer.length, candidate: typed.candidate.length };
    // Typing on the node about to die: what it had not yet acknowledged must come back from the client.
    const unsavedAtKill = ivo.getSnapshot().unsaved;
    const exit = await suite.cluster.a.signal('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    await typing;

    const tokens = (channel: DocumentChannel) => textOf(channel).match(TOKEN)?.length ?? 0;
    await convergence(
      'both pads to hold every token, saved',
      { interviewer: ivo, candidate: cleo },
      (channel) => tokens(channel) === TOKENS_EACH * 2,
      (channel) => `${tokens(channel)} tokens`,
      30_000,
    );
    const convergedMs = Date.now() - killedAt;
    expect(room.clients.interviewer.url).toBe(suite.cluster.b.url);
    expect(textOf(ivo)).toBe(textOf(cleo));

    // What the store holds, as a late joiner on the surviving node is given it.
    const late = await ClusterClient.open('late', room.cast.observer.token, room.sessionId, [
      suite.cluster.b.url,
    ]);
    const fresh = late.document('pad');
    await waitUntil('the late joiner to open the pad', () => synced(fresh), 10_000);
    const stored = textOf(fresh).match(TOKEN) ?? [];
    expect(textOf(fresh)).toBe(textOf(ivo));
    expect([...stored].sort()).toEqual([...typed.interviewer, ...typed.candidate].sort());
    expect(new Set(stored).size).toBe(stored.length);
    late.close();
    suite.cluster.assertNodesAlive();

    summary('pad-sigkill', {
      tokensEach: TOKENS_EACH,
      interviewerBeforeKill: before.interviewer,
      candidateBeforeKill: before.candidate,
      unsavedAtKill: String(unsavedAtKill),
      rejoinedOnBMs: room.clients.interviewer.moves[0]?.ms ?? -1,
      killToConvergedMs: convergedMs,
      stored: stored.length,
      ms: Date.now() - started,
    });
  });
});
