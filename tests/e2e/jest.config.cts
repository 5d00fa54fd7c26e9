module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  // A browser journey through a whole interview takes a while on two cores.
  testTimeout: 180_000,
};
