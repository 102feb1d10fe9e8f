import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A small pop-over menu on <details>: keyboard-operable without scripts; Escape and a click
 * outside close it, and choosing an item closes it too (call `close` from the item).
 */
export function Disclosure({
  summary,
  label,
  className,
  children,
}: {
  summary: ReactNode;
  label?: string;
  className?: string;
  children: (close: () => void) => ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (ref.current) ref.current.open = false;
  };
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (ref.current?.open && !ref.current.contains(event.target as Node)) close();
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);
  return (
    <details
      ref={ref}
      className={`disclosure ${className ?? ''}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && ref.current?.open) {
          close();
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary aria-label={label}>{summary}</summary>
      <div className="disclosure-panel">{children(close)}</div>
    </details>
  );
}
