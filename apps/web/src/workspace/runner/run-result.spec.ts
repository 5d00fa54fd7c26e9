import { quickJSErrorText, quickJSFailure, pythonFailure, pythonTraceback } from './failure';
import { CUT_NOTE, CappedOutput } from './output';
import type { RunResult } from './run-result';
import { DEFAULT_LIMITS, describeRun } from './run-result';

describe('CappedOutput', () => {
  it('keeps what is written, in order', () => {
    const output = new CappedOutput(10);
    expect(output.append('abc')).toBe(true);
    expect(output.append('def')).toBe(true);
    expect(output.toString()).toBe('abcdef');
    expect(output.full).toBe(false);
  });

  it('cuts at the limit, says so once, and takes nothing more', () => {
    const output = new CappedOutput(5);
    expect(output.append('abc')).toBe(true);
    expect(output.append('defg')).toBe(false);
    expect(output.append('more')).toBe(false);
    expect(output.toString()).toBe(`abcde${CUT_NOTE}`);
    expect(output.full).toBe(true);
  });

  it('counts a write that exactly fills it as not cut', () => {
    const output = new CappedOutput(3);
    output.append('abc');
    expect(output.toString()).toBe('abc');
  });
});

describe('describeRun', () => {
  const result = (status: RunResult['status'], durationMs: number): RunResult => ({
    status,
    output: '',
    durationMs,
  });

  it.each<[RunResult, string]>([
    [result('ok', 320), 'Finished in 0.3 s'],
    [result('error', 40), 'Ended with an error after 0.0 s'],
    [result('timeout', 5150), 'Stopped after 5.0 s: time limit'],
    [result('memory', 900), 'Out of memory (limit 64 MB)'],
    [result('stopped', 1230), 'Stopped after 1.2 s'],
  ])('%j reads "%s"', (run, text) => {
    expect(describeRun(run, DEFAULT_LIMITS)).toBe(text);
  });
});

describe('how a run failed', () => {
  it('reads QuickJS interruptions and allocation failures as the limits', () => {
    expect(quickJSFailure({ name: 'InternalError', message: 'interrupted' })).toBe('timeout');
    expect(quickJSFailure({ name: 'InternalError', message: 'out of memory' })).toBe('memory');
    expect(quickJSFailure({ name: 'InternalError', message: 'stack overflow' })).toBe('error');
    expect(quickJSFailure({ name: 'Error', message: 'interrupted' })).toBe('error');
  });

  it('writes a thrown error with its stack, and a thrown value as it is', () => {
    expect(quickJSErrorText({ name: 'TypeError', message: 'x', stack: '    at f\n' })).toBe(
      'TypeError: x\n    at f\n',
    );
    expect(quickJSErrorText({ name: 'Error', message: 'no stack' })).toBe('Error: no stack\n');
    expect(quickJSErrorText(42)).toBe('Uncaught 42\n');
  });

  it("reads Python's MemoryError as the memory limit", () => {
    expect(pythonFailure('MemoryError')).toBe('memory');
    expect(pythonFailure('ZeroDivisionError')).toBe('error');
  });

  it("keeps the candidate's frames of a traceback and drops Pyodide's", () => {
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/lib/python314.zip/_pyodide/_base.py", line 597, in eval_code',
      '    .run(globals, locals)',
      '  File "<exec>", line 3, in <module>',
      'ZeroDivisionError: division by zero',
    ].join('\n');
    expect(pythonTraceback(traceback)).toBe(
      [
        'Traceback (most recent call last):',
        '  File "<exec>", line 3, in <module>',
        'ZeroDivisionError: division by zero',
      ].join('\n'),
    );
    expect(pythonTraceback('SyntaxError: bad')).toBe('SyntaxError: bad');
  });
});
