/** What the hosted service's support routes send and take (src/server/routes/support.ts). */
export interface ServerRequest {
  id: string;
  subject: string;
  status: string;
  changeSeq: number;
  createdAt: string;
  updatedAt: string;
}
export interface ServerMessage {
  id: string;
  supportRequestId: string;
  senderId: string;
  content: string;
  changeSeq: number;
  createdAt: string;
  attachments: { id: string; name: string; contentType: string; size: number; md5: string }[];
}
export interface ChangesPage {
  requests: ServerRequest[];
  messages: ServerMessage[];
  cursor: number;
  hasMore: boolean;
}
