import { describe, expect, it } from 'vitest';
import { finishedWords } from '../../../src/drafting/domain/finished-words.js';

describe('finishedWords', () => {
  it('leaves out the word still being typed', () => {
    expect(finishedWords('Increase offer acc')).toBe('Increase offer ');
    expect(finishedWords('from 72% to 8')).toBe('from 72% to ');
    expect(finishedWords('by March 3')).toBe('by March ');
    expect(finishedWords('Launch')).toBe('');
  });

  it('keeps everything once the word is finished by a space or punctuation', () => {
    expect(finishedWords('Increase offer ')).toBe('Increase offer ');
    expect(finishedWords('Raise retention to 92%.')).toBe('Raise retention to 92%.');
    expect(finishedWords('Cut drop-off (first interview)')).toBe('Cut drop-off (first interview)');
    expect(finishedWords('one,')).toBe('one,');
    expect(finishedWords('two lines\n')).toBe('two lines\n');
    expect(finishedWords('')).toBe('');
  });

  it('works on words that are not Latin, split by spaces', () => {
    expect(finishedWords('매니저 교육 20회 실')).toBe('매니저 교육 20회 ');
  });
});
