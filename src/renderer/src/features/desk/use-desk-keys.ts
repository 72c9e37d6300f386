import { useLayoutEffect, useRef, useState } from 'react';
import { SPEEDS } from '../../../../shared/timeframes';
import type { Desk } from './use-desk';
import type { TicketHandle } from './use-order-ticket';

/**
 * The desk's keyboard shortcuts (space, →, Shift+→, + and −, b, s, C, ?, Escape) and whether the
 * shortcut help shows. Returns the ticket handle the page hands to the order ticket, so b and s
 * send the ticket as it stands.
 */
export function useDeskKeys(desk: Desk) {
  const [help, setHelp] = useState(false);
  const ticket = useRef<TicketHandle>(null);
  const { speed, playing, togglePlay, step, stepChartBar, changeSpeed, closeAll } = desk;

  // A layout effect, so the listener is swapped in the same task as the DOM it matches: a key
  // pressed once "Pause" shows never reaches a listener from the render before it.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const index = SPEEDS.indexOf(speed);
      if (event.key === ' ') {
        event.preventDefault();
        void togglePlay();
      } else if (event.key === 'ArrowRight') {
        // Like the Step buttons: no stepping under a playing replay.
        if (!playing) void (event.shiftKey ? stepChartBar() : step());
      } else if (event.key === '+' || event.key === '=')
        void changeSpeed(SPEEDS[Math.min(index + 1, SPEEDS.length - 1)]!);
      else if (event.key === '-') void changeSpeed(SPEEDS[Math.max(index - 1, 0)]!);
      else if (event.key === 'b') void ticket.current?.send('BUY');
      else if (event.key === 's') void ticket.current?.send('SELL');
      else if (event.key === 'C') void closeAll();
      else if (event.key === '?') setHelp((h) => !h);
      else if (event.key === 'Escape') setHelp(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return { help, setHelp, ticket };
}
