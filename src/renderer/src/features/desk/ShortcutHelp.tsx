export const SHORTCUTS: [string, string][] = [
  ['Space', 'Play / pause'],
  ['→', 'Step one bar'],
  ['Shift + →', 'Reveal to the end of the next chart bar'],
  ['+ / −', 'Faster / slower'],
  ['B', 'Buy at market (ticket size)'],
  ['S', 'Sell at market (ticket size)'],
  ['Shift + C', 'Close all positions'],
  ['Delete', 'Remove the selected drawing'],
  ['Escape', 'Cancel the drawing being placed'],
  ['?', 'Show or hide this help'],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
      <div className="card">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table aria-label="Keyboard shortcuts">
          <tbody>
            {SHORTCUTS.map(([key, action]) => (
              <tr key={key}>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
