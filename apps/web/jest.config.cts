module.exports = {
  displayName: 'web',
  preset: '../../jest.preset.js',
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  // CSS modules resolve to their class names as written, which is all a component test reads.
  moduleNameMapper: { '\\.css$': '<rootDir>/src/testing/css-module.cjs' },
  coverageDirectory: '../../coverage/apps/web',
  // user-event types key by key through React: a form test takes seconds when CI loads both cores.
  testTimeout: 20_000,
};
