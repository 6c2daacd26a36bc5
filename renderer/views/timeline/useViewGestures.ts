import { useEffect, useRef, type RefObject } from 'react';
import { panView, zoomView, type TimeView } from '../../lib/timeline-layout.js';

/**
 * Wheel zoom (around the pointer), shift-wheel / horizontal wheel and drag to pan, keys to zoom and pan.
 * Wheel bursts are coalesced into one view change per animation frame, so zooming stays at frame rate.
 */
export function useViewGestures(ref: RefObject<HTMLElement | null>, view: TimeView, setView: (v: TimeView) => void, width: number) {
  const latest = useRef({ view, setView, width });
  latest.current = { view, setView, width };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let pending: TimeView | null = null;
    let frame = 0;
    const schedule = (next: TimeView) => {
      pending = next;
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          if (pending) latest.current.setView(pending);
          pending = null;
        });
    };
    const current = () => pending ?? latest.current.view;

    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const v = current();
      const w = Math.max(1, latest.current.width);
      const rect = el.getBoundingClientRect();
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const d = e.shiftKey ? e.deltaY || e.deltaX : e.deltaX;
        schedule(panView(v, (d / w) * (v.end - v.start)));
      } else {
        const anchor = Math.min(1, Math.max(0, (e.clientX - rect.left) / w));
        schedule(zoomView(v, Math.exp(e.deltaY * 0.0018), anchor));
      }
    };

    let drag: { x: number; view: TimeView; id: number; moved: boolean } | null = null;
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
      drag = { x: e.clientX, view: latest.current.view, id: e.pointerId, moved: false };
      el.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.id) return;
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) > 2) drag.moved = true;
      const v = drag.view;
      schedule(panView(v, (-dx / Math.max(1, latest.current.width)) * (v.end - v.start)));
    };
    const onUp = (e: PointerEvent) => {
      if (drag && e.pointerId === drag.id) drag = null;
    };

    const onKey = (e: KeyboardEvent) => {
      if (e.target !== el) return;
      const v = current();
      const span = v.end - v.start;
      if (e.key === 'ArrowLeft') schedule(panView(v, -span * 0.15));
      else if (e.key === 'ArrowRight') schedule(panView(v, span * 0.15));
      else if (e.key === '+' || e.key === '=') schedule(zoomView(v, 1 / 1.5, 0.5));
      else if (e.key === '-' || e.key === '_') schedule(zoomView(v, 1.5, 0.5));
      else return;
      e.preventDefault();
    };

    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onUp);
    el.addEventListener('keydown', onKey);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onUp);
      el.removeEventListener('keydown', onKey);
    };
  }, [ref]);
}
