// Scrolling a viewport with ↑/↓, PgUp/PgDn, Home/End.
import { useState } from 'react';
import { useKeys } from './keys-router.js';
import { clampOffset } from '../input/list-nav.js';

export function useScroll(total: number, height: number, isActive = true): number {
  const [offset, setOffset] = useState(0);
  useKeys(
    (_input, key) => {
      const page = Math.max(1, height - 1);
      let next = offset;
      if (key.upArrow) next -= 1;
      else if (key.downArrow) next += 1;
      else if (key.pageUp) next -= page;
      else if (key.pageDown || _input === ' ') next += page;
      else if (key.home) next = 0;
      else if (key.end) next = total;
      else return;
      setOffset(clampOffset(next, total, height));
    },
    { isActive },
  );
  return clampOffset(offset, total, height);
}
