// Passkeys in the browser: buttons marked `data-passkey="register"` save a
// passkey for the account, `data-passkey="sign-in"` sign in with one. The
// server's functions make the options and check the answers; this file only
// turns base64url into bytes and back, asks the browser, and follows the
// address the server answers with. Loaded (as a module) only on the pages that
// have such a button; the buttons stay hidden where the browser has no passkeys.

const toBytes = (text) => {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
};

const toText = (buffer) => {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

// A server function, called like the app's own scripts call them.
async function call(endpoint, form = {}) {
  const response = await fetch(`/api/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`${endpoint}: ${response.status}`);
  return response.json();
}

async function register() {
  const options = JSON.parse(await call('passkey_register_start'));
  const publicKey = options.publicKey;
  publicKey.challenge = toBytes(publicKey.challenge);
  publicKey.user.id = toBytes(publicKey.user.id);
  for (const c of publicKey.excludeCredentials || []) c.id = toBytes(c.id);
  const credential = await navigator.credentials.create({ publicKey });
  const answer = {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    response: {
      attestationObject: toText(credential.response.attestationObject),
      clientDataJSON: toText(credential.response.clientDataJSON),
    },
    extensions: {},
  };
  return call('passkey_register_finish', { credential: JSON.stringify(answer) });
}

async function signIn() {
  const options = JSON.parse(await call('passkey_sign_in_start'));
  const publicKey = options.publicKey;
  publicKey.challenge = toBytes(publicKey.challenge);
  for (const c of publicKey.allowCredentials || []) c.id = toBytes(c.id);
  const credential = await navigator.credentials.get({ publicKey });
  const r = credential.response;
  const answer = {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    response: {
      authenticatorData: toText(r.authenticatorData),
      clientDataJSON: toText(r.clientDataJSON),
      signature: toText(r.signature),
      userHandle: r.userHandle ? toText(r.userHandle) : null,
    },
    extensions: {},
  };
  return call('passkey_sign_in_finish', { credential: JSON.stringify(answer) });
}

if (window.PublicKeyCredential) {
  for (const button of document.querySelectorAll('[data-passkey]')) {
    const box = button.closest('[data-passkey-box]') || button;
    box.hidden = false;
    button.hidden = false;
    const message = box.querySelector('[data-passkey-error]');
    button.addEventListener('click', async () => {
      button.disabled = true;
      if (message) message.hidden = true;
      try {
        const next = button.dataset.passkey === 'register' ? await register() : await signIn();
        window.location.assign(next);
      } catch (error) {
        button.disabled = false;
        if (message) message.hidden = false;
      }
    });
  }
}
