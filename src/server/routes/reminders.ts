import type { FastifyInstance } from 'fastify';
import { practiceReminderEmailRequest } from '../../shared/practice-reminder-email.js';
import type { AppContext } from '../context.js';
import { sendPracticeReminderEmail } from '../services/practice-reminders.js';
import { parse, requireUser } from './http.js';

/** Practice reminders by email, asked for by the signed-in desktop at its reminder window. */
export function reminderRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post('/reminders/practice', async (req) => {
    const a = await requireUser(ctx, req);
    const body = parse(practiceReminderEmailRequest, req.body);
    return sendPracticeReminderEmail(ctx, a.user, body);
  });
}
