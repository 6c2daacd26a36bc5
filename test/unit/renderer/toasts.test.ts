import { describe, expect, it } from 'vitest';
import { keptToasts, type Toast } from '../../../renderer/store/ui-slice.js';

const t = (id: number, kind: Toast['kind']): Toast => ({ id, kind, title: `toast ${id}` });

describe('toasts shown at once', () => {
  it('keep the three newest', () => {
    expect(keptToasts([t(1, 'success'), t(2, 'info'), t(3, 'success'), t(4, 'success')]).map((x) => x.id)).toEqual([2, 3, 4]);
    expect(keptToasts([t(1, 'success'), t(2, 'info')]).map((x) => x.id)).toEqual([1, 2]);
  });

  it('drop a failure last: a burst of finished jobs does not push it away unread', () => {
    expect(keptToasts([t(1, 'error'), t(2, 'success'), t(3, 'success'), t(4, 'success')]).map((x) => x.id)).toEqual([1, 3, 4]);
    expect(keptToasts([t(1, 'error'), t(2, 'error'), t(3, 'error'), t(4, 'error')]).map((x) => x.id)).toEqual([2, 3, 4]);
  });
});
