import type { DevicesDto } from '../../../../shared/contract/online';

/** The computers the licence is activated on and the account's signed-in sessions. */
export function DevicesCard({ devices }: { devices: DevicesDto }) {
  return (
    <section className="card" aria-label="Devices">
      <h2>Devices</h2>
      <p className="hint">
        {devices.maxDevices > 0
          ? `Licence activated on ${devices.activations.length} of ${devices.maxDevices} computers.`
          : 'No licence yet: this computer is activated when you subscribe.'}
      </p>
      <ul className="device-list">
        {devices.activations.map((d) => (
          <li key={d.id}>
            {d.deviceName ?? 'Computer'}
            {d.current ? ' (this computer)' : ''} · refreshed {d.lastRefreshedAt.slice(0, 10)}
          </li>
        ))}
      </ul>
      <h3>Signed-in sessions</h3>
      <ul className="device-list">
        {devices.sessions.map((s) => (
          <li key={s.id}>
            {s.deviceInfo ?? s.userAgent ?? 'Unknown device'}
            {s.current ? ' (this app)' : ''} · last seen {s.lastSeen.slice(0, 10)}
          </li>
        ))}
      </ul>
    </section>
  );
}
