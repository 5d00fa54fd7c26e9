module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  setupFiles: ['<rootDir>/src/testing/quiet-logs.ts'],
  coverageDirectory: '../../coverage/apps/api',
  // Integration tests boot real databases and apps; on two busy cores that can take seconds.
  testTimeout: 30_000,
};
