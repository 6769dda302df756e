export function App() {
  return (
    <main>
      <h1>Devcoredump Viewer</h1>
      <p>
        The in-browser viewer for Linux xe GPU devcoredumps is coming soon. Meanwhile, use the{' '}
        <code>devcoredump</code> command-line tool to inspect a dump.
      </p>
    </main>
  );
}
