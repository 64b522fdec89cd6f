// Bundled in place of google-auth-library. actions-on-google's dialogflow() builds an
// OAuth2Client only for Google Sign-In (when a `clientId` option is given), which Rustpunt does
// not use; the real library would add ~700 KB and tens of ms of cold start to the webhook.
export class OAuth2Client {
  constructor() {
    throw new Error("Google Sign-In is not part of Rustpunt's webhook bundle (see infra/bundle-options.ts)");
  }
}
