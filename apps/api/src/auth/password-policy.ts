import { PASSWORD_MIN_LENGTH } from '@signal-room/protocol';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppException } from '../common/app-exception';

// The ranked list of the passwords people choose most (zxcvbn's). The protocol schema has
// already refused anything shorter than the minimum, so only longer entries need holding.
const COMMON = new Set(
  dictionary['passwords-common']
    .filter((entry) => entry.length >= PASSWORD_MIN_LENGTH)
    .map((entry) => entry.toLowerCase()),
);

/** Why `password` will not do for the account of `email`, or null when it will. */
function passwordProblem(password: string, email: string): string | null {
  const candidate = password.toLowerCase();
  if (COMMON.has(candidate)) {
    return 'This is one of the most common passwords, the first an attacker tries; choose another.';
  }
  const address = email.toLowerCase();
  if (candidate === address || candidate === address.slice(0, address.lastIndexOf('@'))) {
    return 'The password must not be your e-mail address.';
  }
  return null;
}

/** Refuses a password the schema let through but the server will not take, naming the field. */
export function checkPassword(password: string, email: string, field: string): void {
  const problem = passwordProblem(password, email);
  if (problem) {
    throw new AppException('INVALID_PAYLOAD', 'The request is not valid.', [
      { path: field, message: problem },
    ]);
  }
}
