// Tests read behaviour, not logs: only warnings and errors reach the test output.
process.env['LOG_LEVEL'] ??= 'warn';
