import type { ReactNode } from 'react';

/** A calm "nothing here (yet)" panel; headingLevel 1 when it is the whole page. */
export function EmptyState({
  title,
  headingLevel = 2,
  badge,
  children,
}: {
  title: string;
  headingLevel?: 1 | 2 | 3;
  badge?: string;
  children?: ReactNode;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="empty-state">
      {badge && <span className="badge">{badge}</span>}
      <Heading>{title}</Heading>
      {children}
    </section>
  );
}
