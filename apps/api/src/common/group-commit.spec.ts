import { GroupCommit } from './group-commit';

/** A flush the test ends by hand, recording the groups it was given. */
function controlledFlush() {
  const groups: number[][] = [];
  const pending: { items: number[]; done: () => void; fail: (error: Error) => void }[] = [];
  const flush = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      groups.push(items);
      pending.push({
        items,
        done: () => resolve(items.map((item) => `done ${item}`)),
        fail: reject,
      });
    });
  return { groups, pending, flush };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes what arrives together at once, and what arrives meanwhile in the next group', async () => {
    const { groups, pending, flush } = controlledFlush();
    const commit = new GroupCommit(flush, { inFlight: 1, maxItems: 100, answeredPerTurn: 2 });
    const first = [1, 2, 3].map((item) => commit.submit(item));
    await turn();
    const second = [4, 5].map((item) => commit.submit(item));
    await turn();
    expect(groups).toEqual([[1, 2, 3]]);
    pending[0]?.done();
    expect(await Promise.all(first)).toEqual(['done 1', 'done 2', 'done 3']);
    await turn();
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    pending[1]?.done();
    expect(await Promise.all(second)).toEqual(['done 4', 'done 5']);
  });

  it('runs up to its limit of groups at once, and fails only the items of a failed one', async () => {
    const { groups, pending, flush } = controlledFlush();
    const commit = new GroupCommit(flush, { inFlight: 2, maxItems: 100, answeredPerTurn: 10 });
    const first = commit.submit(1);
    await turn();
    const second = commit.submit(2);
    await turn();
    const third = commit.submit(3);
    await turn();
    expect(groups).toEqual([[1], [2]]);
    pending[0]?.fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    pending[1]?.done();
    expect(await second).toBe('done 2');
    await turn();
    expect(groups).toEqual([[1], [2], [3]]);
    pending[2]?.done();
    expect(await third).toBe('done 3');
  });

  it('answers a large group a slice per turn of the event loop', async () => {
    const { pending, flush } = controlledFlush();
    const commit = new GroupCommit(flush, { inFlight: 1, maxItems: 100, answeredPerTurn: 2 });
    const answered: number[] = [];
    const all = [1, 2, 3, 4, 5].map((item) => commit.submit(item).then(() => answered.push(item)));
    await turn();
    pending[0]?.done();
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
    expect(answered).toEqual([1, 2]);
    await turn();
    expect(answered).toEqual([1, 2, 3, 4]);
    await Promise.all(all);
    expect(answered).toEqual([1, 2, 3, 4, 5]);
  });
});
