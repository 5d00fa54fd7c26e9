import type { RecordingsResponse } from '@signal-room/protocol';
import type { Page } from 'playwright-core';
import { FAKE_MEDIA, docScreenshots } from './support/browser';
import {
  apiGet,
  endAndRelease,
  eventually,
  person,
  startRoundTogether,
  visible,
} from './support/journey';
import { watchedBrowser } from './support/watched';

// A recording made only with consent: the interviewer asks, both agree, each browser records its
// own (fake) microphone and uploads it as it goes; the candidate, once the feedback is out,
// opens a note from the feedback and hears both voices from just before its moment.

const product = watchedBrowser(FAKE_MEDIA);
const interviewer = person('rec-interviewer', 'Ida Record');
const candidate = person('rec-candidate', 'Cas Record');
let host: Page;
let guest: Page;
let sessionId = '';

/** The seconds the recording runs: long enough for a few 5-second chunks from each browser. */
const RECORD_FOR_MS = 16_000;

beforeAll(async () => {
  host = await product.newPage({ viewport: { width: 1280, height: 900 } });
  guest = await product.newPage({ viewport: { width: 1280, height: 900 } });
  sessionId = await startRoundTogether(product.url, [host, guest], [interviewer, candidate], {
    roundType: 'system-design',
    promptId: 'system-design-usage-metering',
  });
});

describe('a consented recording', () => {
  it('records nobody until everyone agrees, then marks it for all', async () => {
    await host.getByRole('button', { name: 'Ask to record the voices' }).click();
    for (const page of [host, guest]) await visible(page.getByText(/Ida Record asks to record/));
    await host.getByRole('button', { name: 'Agree' }).click();
    await visible(host.getByText('You agreed. Waiting for Cas Record.'));
    expect(
      await host
        .getByRole('status')
        .filter({ hasText: /^Recording$/ })
        .count(),
    ).toBe(0);
    await guest.getByRole('button', { name: 'Agree' }).click();
    for (const page of [host, guest]) {
      await visible(page.getByText('Your microphone is being recorded.'));
    }
    await docScreenshots(guest, 'room-recording-candidate', { fullPage: false, widths: [1280] });
  });

  it('uploads each microphone as it goes, and plays both from a note opened in the feedback', async () => {
    const note = host.getByRole('textbox', { name: 'What did the candidate do?' });
    await note.pressSequentially('Asked who reads the meter before sizing it');
    await host.keyboard.press('Alt+1');
    await host.keyboard.press('Enter');
    await visible(host.getByText('Asked who reads the meter before sizing it'));
    // Real time, not a fixed pause for something to happen: the microphones record while it passes.
    await host.waitForTimeout(RECORD_FOR_MS);
    await host.getByRole('button', { name: 'Stop the recording' }).click();
    await visible(host.getByRole('button', { name: 'Ask to record the voices' }));
    await endAndRelease(host);

    // Every chunk cut before the stop reaches the server, from both browsers.
    let listed: RecordingsResponse | null = null;
    await eventually(async () => {
      listed = await apiGet<RecordingsResponse>(
        product.url,
        host,
        `/api/sessions/${sessionId}/recordings`,
      );
      const tracks = listed.recordings[0]?.tracks ?? [];
      expect(tracks.map((track) => track.displayName).sort()).toEqual(['Cas Record', 'Ida Record']);
      for (const track of tracks) expect(track.durationMs).toBeGreaterThan(RECORD_FOR_MS - 2000);
    });
    const tracks = (listed as RecordingsResponse | null)?.recordings[0]?.tracks ?? [];
    for (const track of tracks) {
      const rate = track.bytes / (track.durationMs / 1000);
      // Reported by the suite: the bitrate as Chromium's encoder meets it on the fake microphone.
      console.log(
        `recording: ${track.displayName} ${track.bytes} bytes over ${track.durationMs} ms in ${track.chunks} chunks = ${Math.round(rate)} B/s, ${((rate * 45 * 60) / 1e6).toFixed(1)} MB per 45 minutes`,
      );
      expect(rate).toBeGreaterThan(1000);
      expect(rate).toBeLessThan(8000);
    }

    await guest.goto(`/sessions/${sessionId}/feedback`);
    const item = guest
      .getByRole('listitem')
      .filter({ hasText: 'Asked who reads the meter' })
      .first();
    await item.getByRole('link', { name: /^Replay at \d+:\d\d/ }).click();
    await guest.waitForURL(`**/history/${sessionId}?at=*`);
    const playback = guest.getByRole('region', { name: 'The recording' });
    await visible(playback.getByText('Cas Record'));
    await visible(playback.getByText('Ida Record'));
    // Opened from the note, both voices play at once, in step.
    await eventually(async () => {
      const players = await guest.locator('audio').evaluateAll((audios) =>
        (audios as HTMLAudioElement[]).map((audio) => ({
          playing: !audio.paused,
          at: audio.currentTime,
        })),
      );
      expect(players).toHaveLength(2);
      for (const player of players) {
        expect(player.playing).toBe(true);
        expect(player.at).toBeGreaterThan(0.5);
      }
    });
    await visible(playback.getByRole('button', { name: 'Pause the voices' }));
    await docScreenshots(guest, 'timeline-recording', { fullPage: false, widths: [1280] });
  });
});
