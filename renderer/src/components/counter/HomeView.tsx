export function HomeView({ onWalkIn, onNew }: { onWalkIn(): void; onNew(): void }) {
  return (
    <section className="home" aria-labelledby="home-h">
      <h2 id="home-h">Who are you serving?</h2>
      <p className="lead">
        Type a name, phone number, email or loyalty card number above — or just scan the card. Results appear as you
        type.
      </p>
      <div className="home-actions">
        <button type="button" className="btn" onClick={onNew}>
          New customer <kbd>Alt+N</kbd>
        </button>
        <button type="button" className="btn" onClick={onWalkIn}>
          Log a walk-in <kbd>Alt+W</kbd>
        </button>
      </div>
    </section>
  );
}
