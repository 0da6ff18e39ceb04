import { describe, expect, it } from 'vitest';
import { splitPastedKeyResults } from '../../../../src/drafting/domain/lint/index.js';

describe('splitPastedKeyResults', () => {
  it('splits bullets, numbers and circled numbers, dropping markers and blank lines', () => {
    const pasted = [
      '- Reduce churn from 5% to 3%',
      '* Run 10 webinars',
      '• Launch the partner portal',
      '',
      '1. Hire 12 engineers',
      '2) Cut p95 latency to 300 ms',
      '① 관리자 교육 20회 실시',
      '② 채용 리드타임 52일 → 30일',
    ].join('\n');
    expect(splitPastedKeyResults(pasted)).toEqual([
      'Reduce churn from 5% to 3%',
      'Run 10 webinars',
      'Launch the partner portal',
      'Hire 12 engineers',
      'Cut p95 latency to 300 ms',
      '관리자 교육 20회 실시',
      '채용 리드타임 52일 → 30일',
    ]);
  });

  it('keeps a single line as one row', () => {
    expect(splitPastedKeyResults('Reduce churn from 5% to 3% by Q4')).toEqual([
      'Reduce churn from 5% to 3% by Q4',
    ]);
  });

  it('does not mistake numbers for markers', () => {
    expect(splitPastedKeyResults('-10 → +10 eNPS\n1.5x revenue per rep\n30 new logos')).toEqual([
      '-10 → +10 eNPS',
      '1.5x revenue per rep',
      '30 new logos',
    ]);
  });

  it('joins an indented continuation line to the bullet above; handles CRLF', () => {
    expect(
      splitPastedKeyResults(
        '- Launch a stay-interview program\r\n    that cuts attrition from 35% to 20%\r\n- Run 5 webinars',
      ),
    ).toEqual(['Launch a stay-interview program that cuts attrition from 35% to 20%', 'Run 5 webinars']);
  });

  it('returns no rows for empty input', () => {
    expect(splitPastedKeyResults('')).toEqual([]);
    expect(splitPastedKeyResults('\n  \n-\n')).toEqual([]);
  });
});
