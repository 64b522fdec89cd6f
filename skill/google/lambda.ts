// Lambda entry for the Google (Dialogflow ES) webhook behind a Function URL. Built once per
// container: configuration is checked, the catalog read and the secret's loading started at cold
// start, so a broken deployment fails there and not on someone's first request.
import { createWebhookHandler, type FunctionUrlEvent, type FunctionUrlResult } from "./webhook-handler.js";

const webhook = createWebhookHandler({ env: process.env });

export const handler = async (event: FunctionUrlEvent): Promise<FunctionUrlResult> => webhook(event);
