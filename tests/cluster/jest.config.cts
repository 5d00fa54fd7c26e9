module.exports = {
  displayName: 'cluster',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.cluster.ts'],
  // One file at a time: each starts its own PostgreSQL, Redis and two API nodes, and the faults
  // they inject are timed; two such clusters side by side on two cores would race each other.
  maxWorkers: 1,
  testTimeout: 90_000,
};
