export const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
