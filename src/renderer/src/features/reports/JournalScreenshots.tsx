import { useCallback, useEffect, useState } from 'react';
import type { JournalScreenshotDto, ScreenshotKind } from '../../../../shared/contract/reports';
import { api } from '../../shared/contract-client';
import { ErrorNotice } from '../../shared/ErrorNotice';
import { errorMessage, formatTs } from '../../shared/format';

const KIND_LABEL: Record<ScreenshotKind, string> = { entry: 'Entry', exit: 'Exit', manual: 'Added' };

/** The file's bytes as plain base64 (what `journal:add-screenshot` takes). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`Cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

function Thumbnail({ shot, onDelete }: { shot: JournalScreenshotDto; onDelete: (id: string) => void }) {
  const [src, setSrc] = useState<string | null>(null);
  const [large, setLarge] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api['journal:read-screenshot']({ screenshotId: shot.id }).then(
      (image) => live && setSrc(`data:image/png;base64,${image.pngBase64}`),
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [shot.id]);
  const label = `${KIND_LABEL[shot.kind]} screenshot`;
  return (
    <figure className={`journal-shot${large ? ' large' : ''}`}>
      {src ? (
        <button
          type="button"
          className="shot-image"
          onClick={() => setLarge((l) => !l)}
          aria-label={large ? `Shrink the ${label.toLowerCase()}` : `Enlarge the ${label.toLowerCase()}`}
        >
          <img src={src} alt={label} />
        </button>
      ) : (
        <div className="shot-placeholder">{error ?? 'Loading…'}</div>
      )}
      <figcaption>
        {KIND_LABEL[shot.kind]} · {formatTs(shot.replayTs ?? shot.createdAt)}
        <button
          type="button"
          className="link"
          onClick={() => onDelete(shot.id)}
          aria-label={`Delete the ${label.toLowerCase()}`}
        >
          Delete
        </button>
      </figcaption>
    </figure>
  );
}

/** A trade's screenshots in its journal: thumbnails (chart at entry, at exit, added ones) and an upload. */
export function JournalScreenshots({ sessionId, positionId }: { sessionId: string; positionId: string }) {
  const [shots, setShots] = useState<JournalScreenshotDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api['journal:screenshots']({ sessionId, positionId }).then(setShots, (e) => setError(errorMessage(e))),
    [sessionId, positionId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const upload = async (list: FileList | null) => {
    setError(null);
    // Each file is tried; the message names the ones refused and why.
    const refused: string[] = [];
    for (const file of Array.from(list ?? [])) {
      try {
        await api['journal:add-screenshot']({
          positionId,
          kind: 'manual',
          pngBase64: await readBase64(file),
        });
      } catch (e) {
        refused.push(`${file.name} was not added: ${errorMessage(e).replace(/^./, (c) => c.toLowerCase())}`);
      }
    }
    if (refused.length) setError(refused.join(' '));
    await load();
  };
  const remove = async (screenshotId: string) => {
    setError(null);
    try {
      await api['journal:delete-screenshot']({ screenshotId });
    } catch (e) {
      setError(errorMessage(e));
    }
    await load();
  };

  return (
    <section className="journal-shots" aria-label="Screenshots">
      {shots.length === 0 && (
        <p className="hint">No screenshots: the desk takes the chart at entry and at exit, or add a PNG.</p>
      )}
      <div className="journal-shot-list">
        {shots.map((s) => (
          <Thumbnail key={s.id} shot={s} onDelete={remove} />
        ))}
      </div>
      <label className="journal-upload">
        Add a screenshot (PNG)
        <input
          type="file"
          accept="image/png"
          multiple
          onChange={(e) => {
            void upload(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </section>
  );
}
