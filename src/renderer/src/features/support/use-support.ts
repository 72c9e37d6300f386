import { useCallback, useEffect, useState } from 'react';
import type {
  AttachmentInput,
  SupportRequestDto,
  SupportSyncDto,
  SupportThreadDto,
} from '../../../../shared/contract/online';
import { api, client } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

/** Reads a chosen file for the contract: text as is, anything else as base64. */
async function readAttachment(file: File): Promise<AttachmentInput> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { fileName: file.name, content: btoa(binary), encoding: 'base64' };
}

/**
 * The support page's state and contract calls: the requests, the thread open, the draft of a new
 * request or a reply with its attachments, and the sync with the server.
 */
export function useSupport() {
  const [requests, setRequests] = useState<SupportRequestDto[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [thread, setThread] = useState<SupportThreadDto | null>(null);
  const [sync, setSync] = useState<SupportSyncDto | null>(null);
  const [writing, setWriting] = useState(false);
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fileKey, setFileKey] = useState(0);

  const reload = useCallback(async (requestId: string | null) => {
    // The thread first: opening it marks its replies read, which the list then shows.
    if (requestId) setThread(await api['support:get']({ requestId }));
    setRequests(await api['support:list']({}));
  }, []);

  useEffect(() => {
    reload(selected).catch((e) => setError(errorMessage(e)));
  }, [reload, selected]);

  useEffect(
    () =>
      client.on('support:changed', () => {
        reload(selected).catch(() => {});
      }),
    [reload, selected],
  );

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const syncNow = () =>
    run(async () => {
      setSync(await api['support:sync-now']({}));
      await reload(selected);
    });

  const send = () =>
    run(async () => {
      const attachments = await Promise.all(files.map(readAttachment));
      const created = await api['support:create']({ subject, message, attachments });
      setSubject('');
      setMessage('');
      setFiles([]);
      setFileKey((k) => k + 1);
      setWriting(false);
      setSelected(created.request.id);
      setThread(created);
      setRequests(await api['support:list']({}));
      // Sends at once when the server can be reached; otherwise it waits in the outbox.
      setSync(await api['support:sync-now']({}));
      await reload(created.request.id);
    });

  const sendReply = () =>
    run(async () => {
      if (!selected) return;
      const attachments = await Promise.all(files.map(readAttachment));
      setThread(await api['support:reply']({ requestId: selected, message: reply, attachments }));
      setReply('');
      setFiles([]);
      setFileKey((k) => k + 1);
      setSync(await api['support:sync-now']({}));
      await reload(selected);
    });

  const newRequest = () => {
    setWriting(true);
    setSelected(null);
    setThread(null);
  };
  const openRequest = (requestId: string) => {
    setWriting(false);
    setSelected(requestId);
  };

  return {
    requests,
    selected,
    thread,
    sync,
    writing,
    setWriting,
    subject,
    setSubject,
    message,
    setMessage,
    setFiles,
    reply,
    setReply,
    busy,
    error,
    fileKey,
    syncNow,
    send,
    sendReply,
    newRequest,
    openRequest,
  };
}
