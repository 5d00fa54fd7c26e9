// Benchmarks print figures; they assert nothing about speed and are not part of `npm test`.
module.exports = {
  displayName: 'api-bench',
  preset: '../../jest.preset.js',
  setupFiles: ['<rootDir>/src/testing/quiet-logs.ts'],
  testMatch: ['<rootDir>/src/**/*.bench.ts'],
  testTimeout: 300_000,
};
