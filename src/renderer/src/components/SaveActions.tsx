// A settings form's save row: the submit button and the "Saved." status beside it (announced by screen readers).

export function SaveActions({ label, savedLabel, saved, disabled, primary, testId }: { label: string; savedLabel: string; saved: boolean; disabled?: boolean; primary?: boolean; testId?: string }) {
  return (
    <div className="form-actions">
      <button type="submit" className={primary ? 'button primary' : 'button'} disabled={disabled} data-testid={testId}>
        {label}
      </button>
      <span role="status" className="subtle">
        {saved ? savedLabel : ''}
      </span>
    </div>
  );
}
