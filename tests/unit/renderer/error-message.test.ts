import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../src/renderer/src/shared/format';
import { ContractCallError, ErrorCode } from '../../../src/shared/errors';

describe('the one path from an error to the screen', () => {
  it('shows stamps in the app’s date format, as every time on screen', () => {
    const e = new ContractCallError(
      ErrorCode.OUT_OF_DATA,
      'The start 2018-06-01T00:00:00Z is outside the EURUSD data (M1 2019-01-02T00:00:00.000Z to 2019-01-02T09:59:00Z)',
    );
    expect(errorMessage(e)).toBe(
      'The start 2018-06-01 00:00 UTC is outside the EURUSD data (M1 2019-01-02 00:00 UTC to 2019-01-02 09:59 UTC)',
    );
  });

  it('never leads with a method name', () => {
    expect(
      errorMessage(new Error('Invalid input for journal:add-screenshot: pngBase64: The image is not a PNG')),
    ).toBe('PngBase64: The image is not a PNG');
    expect(errorMessage(new Error('Internal error in reports:export: disk full'))).toBe('Disk full');
  });

  it('keeps money as the back end wrote it (account currency, grouped thousands)', () => {
    const text =
      'Not enough free margin: this order needs 1,040,950.00 USD of margin and 10,000.00 USD is free';
    expect(errorMessage(new ContractCallError(ErrorCode.ORDER_REJECTED, text))).toBe(text);
  });

  it('has something to say for an empty or non-Error failure', () => {
    expect(errorMessage('')).toBe('Something went wrong; try again.');
    expect(errorMessage('offline')).toBe('Offline');
  });
});
