module.exports = {
  displayName: 'room-client',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/room-client',
};
