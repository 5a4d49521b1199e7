/** Generator name and home shown in feeds. */
export const GENERATOR = { name: 'wirefeed', uri: 'https://github.com/wirefeed/wirefeed' } as const;
