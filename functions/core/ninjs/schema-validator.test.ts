import { describe, expect, it } from 'vitest';
import { validateNinjs } from './schema-validator.js';

const story = {
  uri: 'urn:example:story:1',
  headlines: [{ value: 'A headline' }],
  associations: [{ name: 'photo1', uri: 'urn:example:photo:1', type: 'picture', by: 'A. Photographer', renditions: [{ name: 'highres', href: 'media/a.jpg' }] }],
};

describe('validateNinjs', () => {
  it('reports one error inside an association once, without calling its ninjs fields unknown', () => {
    const broken = { ...story, associations: [{ ...story.associations[0], renditions: [{ href: 'media/a.jpg' }] }] };
    expect(validateNinjs(broken, '3')).toEqual([{ pointer: '/associations/0/renditions/0/name', message: 'required field is missing' }]);
  });

  it('still reports a field ninjs does not define, next to another error in the same association', () => {
    const { name: _missing, ...noName } = story.associations[0]!;
    const broken = { ...story, associations: [{ ...noName, caption: 'not a ninjs field' }] };
    expect(validateNinjs(broken, '3')).toEqual([
      { pointer: '/associations/0/name', message: 'required field is missing' },
      { pointer: '/associations/0/caption', message: 'unknown field (not in the ninjs schema)' },
    ]);
  });
});
