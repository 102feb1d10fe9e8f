import type { ReactNode } from 'react';

/** One section of the case page, with its own heading for screen-reader navigation. */
export function CasePanel({
  id,
  title,
  children,
  actions,
}: {
  id: string;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="panel cw-panel" aria-labelledby={`${id}-title`} id={id} data-testid={id}>
      <div className="cw-panel-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
