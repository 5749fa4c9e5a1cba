// An app on Amplify's JS client and its <Authenticator>, run in Chromium by auth.mjs
// against the local sandbox. The Authenticator's own forms sign users up and in; the
// page then offers its storage calls to the test as window.ampx.
import { Authenticator } from "@aws-amplify/ui-react";
import { Amplify } from "aws-amplify";
import { fetchAuthSession, signOut } from "aws-amplify/auth";
import { list, uploadData } from "aws-amplify/storage";
import { createRoot } from "react-dom/client";
import { routeToLocalSandbox } from "./.build/local-sandbox.js";

/* global AMPLIFY_OUTPUTS */
routeToLocalSandbox(AMPLIFY_OUTPUTS);
Amplify.configure(AMPLIFY_OUTPUTS);

const attempt = async (step) => {
  try {
    return { ok: await step() };
  } catch (error) {
    return { error: error.name, message: error.message };
  }
};

window.ampx = {
  session: async () => {
    const { identityId, tokens, credentials } = await fetchAuthSession();
    return {
      identityId,
      signedIn: Boolean(tokens),
      groups: tokens?.accessToken.payload["cognito:groups"] ?? [],
      accessKey: credentials?.accessKeyId,
    };
  },
  // The id token's jti: a new one means the client refreshed its tokens.
  tokenId: async () => (await fetchAuthSession()).tokens?.idToken?.payload.jti,
  tokenExpiry: async () => (await fetchAuthSession()).tokens?.idToken?.payload.exp,
  uploadOwn: (name) =>
    attempt(async () => {
      const path = ({ identityId }) => `profile-pictures/${identityId}/${name}`;
      return (await uploadData({ path, data: "mine" }).result).path;
    }),
  upload: (path) => attempt(async () => (await uploadData({ path, data: "x" }).result).path),
  list: (path) => attempt(async () => (await list({ path })).items.map((item) => item.path)),
  refresh: () =>
    attempt(async () => {
      const before = (await fetchAuthSession()).tokens?.idToken?.payload.jti;
      const after = (await fetchAuthSession({ forceRefresh: true })).tokens?.idToken?.payload.jti;
      return Boolean(after) && after !== before;
    }),
  signOut: () => attempt(async () => (await signOut(), "signed out")),
};

createRoot(document.getElementById("root")).render(
  <Authenticator>
    {({ user }) => <main id="signed-in">Signed in as {user?.signInDetails?.loginId}</main>}
  </Authenticator>,
);
