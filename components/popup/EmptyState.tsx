import type { ReactNode } from 'react';

export function EmptyState({
  icon,
  title,
  body,
  action,
}: {
  icon: string;
  title: string;
  body: string;
  action?: ReactNode;
}) {
  return (
    <div className="zc-empty">
      <div className="zc-empty-icon" aria-hidden="true">
        {icon}
      </div>
      <p className="zc-empty-title">{title}</p>
      <p className="zc-empty-body">{body}</p>
      {action}
    </div>
  );
}

export function ErrorNote({ message }: { message: string }) {
  return (
    <p className="zc-error-note" role="alert">
      {message}
    </p>
  );
}
