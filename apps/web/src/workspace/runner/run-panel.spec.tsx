import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RunRequest, RunResult } from './run-result';
import { RunPanel } from './run-panel';

const runCode = jest.fn<Promise<RunResult>, [RunRequest]>();
jest.mock('./run-code', () => ({ runCode: (request: RunRequest) => runCode(request) }));

beforeEach(() => runCode.mockReset());

describe('RunPanel', () => {
  it('runs the code it is given and shows the output with how the run ended', async () => {
    runCode.mockResolvedValue({ status: 'ok', output: 'hello\n', durationMs: 250 });
    const onRun = jest.fn();
    render(<RunPanel language="python" getCode={() => 'print("hello")'} onRun={onRun} />);
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Finished in 0.3 s');
    expect(screen.getByLabelText('Output of the last run')).toHaveTextContent('hello');
    expect(runCode).toHaveBeenCalledWith(
      expect.objectContaining({ language: 'python', code: 'print("hello")', timeLimitMs: 5000 }),
    );
    expect(onRun).toHaveBeenCalledWith({
      status: 'ok',
      output: 'hello\n',
      durationMs: 250,
      language: 'python',
      code: 'print("hello")',
    });
  });

  it('offers Stop while running, which aborts the run', async () => {
    runCode.mockImplementation(
      ({ signal }) =>
        new Promise((resolve) =>
          signal?.addEventListener('abort', () =>
            resolve({ status: 'stopped', output: '', durationMs: 1200 }),
          ),
        ),
    );
    render(<RunPanel language="javascript" getCode={() => 'for (;;) {}'} />);
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Running…');
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByText('Stopped after 1.2 s')).toBeInTheDocument();
    expect(screen.getByText('Nothing was printed.')).toBeInTheDocument();
  });

  it('says the time limit stopped a runaway run', async () => {
    runCode.mockResolvedValue({ status: 'timeout', output: '', durationMs: 5003 });
    render(<RunPanel language="typescript" getCode={() => 'while (true) {}'} />);
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByText('Stopped after 5.0 s: time limit')).toBeInTheDocument();
  });

  it('keeps Run disabled for a language that does not run in the browser, and says why', () => {
    render(<RunPanel language="java" getCode={() => 'class A {}'} />);
    const run = screen.getByRole('button', { name: 'Run' });
    expect(run).toBeDisabled();
    expect(run).toHaveAccessibleDescription(
      'Runs in the browser for JavaScript, TypeScript and Python.',
    );
  });
});
