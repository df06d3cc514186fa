import { describe, expect, it } from 'vitest';

import { VetoError } from './veto-error.js';

describe('VetoError', () => {
  it('keeps message, code and cause', () => {
    const cause = new Error('trail write failed');
    const veto = new VetoError('audit record missing', { cause });

    expect(veto.message).toBe('audit record missing');
    expect(veto.code).toBe('VETOED');
    expect(veto.name).toBe('VetoError');
    expect(veto.cause).toBe(cause);
    expect(veto).toBeInstanceOf(Error);
  });

  it('isInstance accepts a copy from another bundle', () => {
    const foreign = new Error('vetoed elsewhere');
    Object.defineProperty(foreign, Symbol.for('auditgate.bus.VetoError'), { value: true });

    expect(VetoError.isInstance(foreign)).toBe(true);
    expect(foreign instanceof VetoError).toBe(false);
  });

  it('isInstance rejects other values', () => {
    expect(VetoError.isInstance(new Error('plain'))).toBe(false);
    expect(VetoError.isInstance({ code: 'VETOED' })).toBe(false);
    expect(VetoError.isInstance(null)).toBe(false);
    expect(VetoError.isInstance('VETOED')).toBe(false);
  });
});
