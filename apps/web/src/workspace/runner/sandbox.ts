import type { FrameReply, FrameRequest, WorkerReply, WorkerRequest } from './messages';

/**
 * The frame's address; the API serves it with its own CSP (apps/api/src/app.ts, which names
 * the same path): no network at all, workers from blob: URLs only, framed by our pages only.
 */
const FRAME_URL = '/runner-frame.html';
const HANDSHAKE = 'signal-room:runner';

type Listener = (reply: WorkerReply) => void;

let frame: Promise<MessagePort> | undefined;
const listeners = new Map<number, Listener>();
let lastId = 0;

/**
 * The page's one sandboxed frame, made on the first run. `allow-scripts` without
 * `allow-same-origin` gives it an opaque origin: it cannot read our storage, and a request
 * from it would carry no sign-in, even before its CSP refuses the request.
 */
function framePort(): Promise<MessagePort> {
  frame ??= new Promise((resolve) => {
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.title = 'Code runner';
    iframe.hidden = true;
    iframe.tabIndex = -1;
    iframe.addEventListener(
      'load',
      () => {
        const channel = new MessageChannel();
        channel.port1.onmessage = ({ data }: MessageEvent<FrameReply>) => {
          const message = data.message ?? { type: 'failed', message: data.error ?? '' };
          listeners.get(data.id)?.(message);
        };
        // An opaque origin cannot be named as a target; the port is all the frame receives.
        iframe.contentWindow?.postMessage(HANDSHAKE, '*', [channel.port2]);
        resolve(channel.port1);
      },
      { once: true },
    );
    iframe.src = FRAME_URL;
    document.body.append(iframe);
  });
  return frame;
}

/** A worker started inside the sandboxed frame from a script the page fetched from our origin. */
export class SandboxedWorker {
  private constructor(
    private readonly port: MessagePort,
    private readonly id: number,
  ) {}

  static async start(source: ArrayBuffer, listener: Listener): Promise<SandboxedWorker> {
    const port = await framePort();
    const id = ++lastId;
    listeners.set(id, listener);
    SandboxedWorker.send(port, { type: 'spawn', id, source: source.slice(0) });
    return new SandboxedWorker(port, id);
  }

  private static send(port: MessagePort, request: FrameRequest, transfer: Transferable[] = []) {
    port.postMessage(request, transfer);
  }

  /** Hands the buffers over: the caller keeps its own copies. */
  post(message: WorkerRequest, transfer: ArrayBuffer[] = []): void {
    SandboxedWorker.send(this.port, { type: 'post', id: this.id, message, transfer }, transfer);
  }

  terminate(): void {
    listeners.delete(this.id);
    SandboxedWorker.send(this.port, { type: 'terminate', id: this.id });
  }
}
