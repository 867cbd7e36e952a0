// use:enhance for forms whose own button is replaced by the result (Zet klaar → Haal weg):
// after the update, focus goes back to the control in the form with the same data-focus-key,
// or to the result message, never to <body>, so a keyboard user goes on where they were.
import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

export const keepFocus: SubmitFunction = ({ formElement }) => {
	const key = formElement.dataset.focusKey;
	return async ({ update }) => {
		await update({ reset: false });
		await tick();
		const form = key
			? document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)
			: null;
		const target =
			form?.querySelector<HTMLElement>('button, summary, input:not([type="hidden"])') ??
			document.querySelector<HTMLElement>('.message[role="status"], .message[role="alert"]');
		target?.focus();
	};
};
