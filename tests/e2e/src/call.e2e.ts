import type { Page } from 'playwright-core';
import { FAKE_MEDIA, docScreenshots, speechLikeMicrophone } from './support/browser';
import { endAndRelease, eventually, person, startRoundTogether, visible } from './support/journey';
import { watchedBrowser } from './support/watched';

// The call happens in the room: the interviewer and the candidate join it from two browsers with
// Chromium's fake camera and a microphone that speaks in bursts, connect peer to peer, hear each
// other, and the talk-time the meters measured reaches the feedback. A stranger to the session
// receives none of its signalling.

const product = watchedBrowser([...FAKE_MEDIA, speechLikeMicrophone()]);
const interviewer = person('call-interviewer', 'Iris Call');
const candidate = person('call-candidate', 'Cody Call');
let host: Page;
let guest: Page;
let sessionId = '';

/** The tile of the one other person in the call, as this page shows it. */
const peerTile = (page: Page) => page.locator('[data-link]');

beforeAll(async () => {
  host = await product.newPage({ viewport: { width: 1280, height: 900 } });
  guest = await product.newPage({ viewport: { width: 1280, height: 900 } });
  sessionId = await startRoundTogether(product.url, [host, guest], [interviewer, candidate], {
    roundType: 'system-design',
    promptId: 'system-design-usage-metering',
  });
});

describe('the call in the room', () => {
  it("connects two browsers peer to peer, and each receives the other one's audio", async () => {
    for (const page of [host, guest]) {
      await page.getByRole('button', { name: 'Join the call' }).click();
      await visible(page.getByRole('button', { name: 'Mute' }));
    }
    for (const [page, other] of [
      [host, candidate.name],
      [guest, interviewer.name],
    ] as const) {
      await eventually(async () => {
        expect(await peerTile(page).getAttribute('data-link')).toBe('connected');
        expect(await peerTile(page).innerText()).toContain(other);
        expect(Number(await peerTile(page).getAttribute('data-audio-bytes'))).toBeGreaterThan(1000);
      });
    }
    // The bursts of the fake microphone show as speaking, on the speaker's side and the other.
    await visible(host.getByText('You').locator('..').getByText('· speaking'));
    await visible(peerTile(guest).getByText('· speaking'));
    await docScreenshots(host, 'room-call', { fullPage: false, widths: [1280] });
  });

  it('mutes and turns the camera on and off without dropping the connection', async () => {
    await host.getByRole('button', { name: 'Mute' }).click();
    await visible(host.getByText('You (muted)'));
    await host.getByRole('button', { name: 'Unmute' }).click();
    await guest.getByRole('button', { name: 'Camera on' }).click();
    await visible(guest.getByRole('button', { name: 'Camera off' }));
    await eventually(async () => {
      expect(await peerTile(host).locator('video').isHidden()).toBe(false);
    });
    await guest.getByRole('button', { name: 'Camera off' }).click();
    expect(await peerTile(host).getAttribute('data-link')).toBe('connected');
  });

  it('gives a stranger to the session none of its signalling', async () => {
    const stranger = await product.newPage();
    const frames: string[] = [];
    stranger.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => frames.push(String(payload)));
    });
    const someone = person('call-stranger', 'Sasha Outside');
    await stranger.goto('/signup');
    await stranger.getByLabel('Your name').fill(someone.name);
    await stranger.getByLabel('Email').fill(someone.email);
    await stranger.getByLabel('Password', { exact: true }).fill(someone.password);
    await stranger.getByRole('button', { name: 'Create account' }).click();
    await stranger.waitForURL('**/dashboard');
    await stranger.goto(`/sessions/${sessionId}`);
    await visible(stranger.getByRole('heading', { name: 'You are not part of this session' }));
    // The two in the call signal afresh (the candidate leaves and joins again) while the
    // stranger's socket is open.
    await guest.getByRole('button', { name: 'Leave the call' }).click();
    await guest.getByRole('button', { name: 'Join the call' }).click();
    await eventually(async () => {
      expect(await peerTile(host).getAttribute('data-link')).toBe('connected');
    });
    expect(frames.filter((frame) => frame.includes('call:'))).toEqual([]);
    product.problemsOf(stranger);
    await stranger.context().close();
  });

  it('puts the talk-time in the feedback', async () => {
    await endAndRelease(host);
    // The talk-time is read from the spans stored when the feedback is opened; the last ones
    // leave each browser within seconds of being measured.
    const talk = guest.getByRole('region', { name: 'Talk-time' });
    await eventually(async () => {
      await guest.goto(`/sessions/${sessionId}/feedback`);
      await visible(guest.getByRole('heading', { level: 2, name: 'Talk-time' }));
      const rows = await talk.getByRole('table').first().getByRole('row').allInnerTexts();
      expect(rows.some((row) => row.includes(interviewer.name))).toBe(true);
      expect(rows.some((row) => row.includes(candidate.name))).toBe(true);
    }, 60_000);
    await visible(talk.getByText('Longest stretch the candidate spoke without a pause'));
  });
});
