// What the pupil pages and the service worker agree on for working without Wi-Fi.

/** The server marks each pupil page with the pupil it belongs to: the worker caches it
 * under that pupil only. */
export const PUPIL_HEADER = 'x-denkna-pupil';

/** Tells the service worker who is signed in (it drops any other pupil's pages) or that
 * nobody is (it drops every pupil's pages). */
export function tellServiceWorker(message: { type: 'pupil'; key: string } | { type: 'logout' }) {
	navigator.serviceWorker?.controller?.postMessage(message);
}
