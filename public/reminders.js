// "Påminnelser": when "I appen" is ticked, the phone is asked for
// notifications and subscribed (through the service worker) before the form
// is sent, so the server has somewhere to send them. Everything else is the
// plain form, which works without this file. If the phone cannot or will
// not, the form is sent all the same: the choice is kept, and the page and
// the record say that no notification reached the phone.

const form = document.querySelector('form.reminders-form');
const key = form?.dataset.pushKey;
const push = form?.querySelector('input[name="by_push"]');
const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

if (form && push && (!supported || !key)) {
  push.disabled = true;
  push.checked = false;
  form.querySelector('[data-no-app]')?.removeAttribute('hidden');
}

const toBytes = (text) => {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
};

const toText = (buffer) => {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

async function subscribe() {
  if (await Notification.requestPermission() !== 'granted') return;
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription()
    ?? await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: toBytes(key) });
  const body = new URLSearchParams({
    endpoint: subscription.endpoint,
    p256dh: toText(subscription.getKey('p256dh')),
    auth: toText(subscription.getKey('auth')),
  });
  await fetch('/api/subscribe_push', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body,
    credentials: 'same-origin',
  });
}

let sending = false;
form?.addEventListener('submit', async (event) => {
  if (sending || !supported || !key) return;
  if (!push?.checked) {
    // "I appen" turned off: this phone stops getting them.
    event.preventDefault();
    sending = true;
    try {
      const registration = await navigator.serviceWorker.ready;
      await (await registration.pushManager.getSubscription())?.unsubscribe();
    } catch {
      // Nothing to stop.
    }
    form.submit();
    return;
  }
  event.preventDefault();
  sending = true;
  try {
    await subscribe();
  } catch {
    // No notifications on this phone: the choice is saved all the same.
  }
  form.submit();
});
