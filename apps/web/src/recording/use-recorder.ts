import type { Recording } from '@signal-room/domain';
import { RECORDING_FORMAT } from '@signal-room/protocol';
import { useEffect, useRef, useState } from 'react';
import { ApiRequestError, getMyTrack, uploadChunk } from '../api/client';
import type { UploadStatus } from './chunk-uploader';
import { ChunkUploader } from './chunk-uploader';

export type RecorderState =
  | { kind: 'off' }
  | { kind: 'recording'; upload: UploadStatus }
  | { kind: 'failed'; reason: string };

interface RecorderOptions {
  sessionId: string;
  /** The recording under way, or null: it records only while live and agreed to. */
  recording: Recording | null;
  viewerId: string;
  /** This browser's reading of the server's clock, on which chunks are placed. */
  serverNow: () => number;
  /** The call's microphone when there is one; null asks the browser for the microphone itself. */
  microphone: MediaStream | null;
}

const supportedType = (): string | undefined =>
  typeof MediaRecorder.isTypeSupported === 'function' &&
  MediaRecorder.isTypeSupported(RECORDING_FORMAT.mimeType)
    ? RECORDING_FORMAT.mimeType
    : undefined;

/**
 * Records this person's own microphone while the room's recording is live and they have agreed,
 * cutting a chunk every few seconds and uploading each as it is cut (see ChunkUploader). It
 * stops when the recording ends, the person stops it, or the page goes.
 */
export function useRecorder(options: RecorderOptions): RecorderState {
  const { sessionId, recording, viewerId, serverNow, microphone } = options;
  const recordingId =
    recording?.status === 'live' && viewerId in recording.consentedAt ? recording.id : null;
  const [state, setState] = useState<RecorderState>({ kind: 'off' });
  // The clock is read when a chunk is cut; a new function for it must not restart the recorder.
  const clock = useRef(serverNow);
  useEffect(() => {
    clock.current = serverNow;
  }, [serverNow]);

  useEffect(() => {
    if (!recordingId) {
      setState({ kind: 'off' });
      return;
    }
    let stopped = false;
    let recorder: MediaRecorder | null = null;
    let own: MediaStream | null = null;
    const uploader = new ChunkUploader({
      send: async (chunk) => {
        await uploadChunk(sessionId, recordingId, chunk.index, chunk.blob, chunk);
      },
      stored: async () =>
        (await getMyTrack(sessionId, recordingId)).chunks.map((chunk) => chunk.index),
      retryable: (error) => !(error instanceof ApiRequestError) || error.retryable,
      wait: (ms) => new Promise((resolve) => window.setTimeout(resolve, ms)),
      onChange: (upload) => {
        if (!stopped || upload.pending > 0) setState({ kind: 'recording', upload });
      },
    });
    const resume = () => uploader.resume();
    window.addEventListener('online', resume);

    const start = async () => {
      const stream =
        microphone ?? (own = await navigator.mediaDevices.getUserMedia({ audio: true }));
      if (stopped) {
        // Stopped while the browser was asking for the microphone: let it go again at once.
        for (const track of own?.getTracks() ?? []) track.stop();
        return;
      }
      recorder = new MediaRecorder(stream, {
        mimeType: supportedType(),
        audioBitsPerSecond: RECORDING_FORMAT.audioBitsPerSecond,
      });
      let index = 0;
      let cutAt = clock.current();
      recorder.addEventListener('dataavailable', (event: BlobEvent) => {
        const now = clock.current();
        if (event.data.size > 0) {
          uploader.add({ index, blob: event.data, startedAt: cutAt, durationMs: now - cutAt });
          index += 1;
        }
        cutAt = now;
      });
      recorder.start(RECORDING_FORMAT.timesliceMs);
      setState({ kind: 'recording', upload: uploader.status });
    };
    start().catch((error: unknown) => {
      setState({
        kind: 'failed',
        reason:
          error instanceof Error && error.name === 'NotAllowedError'
            ? 'The browser was not allowed to use the microphone.'
            : 'The microphone could not be recorded.',
      });
    });

    return () => {
      stopped = true;
      window.removeEventListener('online', resume);
      // Stopping cuts the last chunk, which the uploader still sends.
      if (recorder && recorder.state !== 'inactive') recorder.stop();
      for (const track of own?.getTracks() ?? []) track.stop();
    };
  }, [sessionId, recordingId, microphone]);

  return state;
}
