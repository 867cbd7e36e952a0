// use:enhance for forms whose own button is replaced by the result (Zet klaar → Haal weg):
// after the update, focus goes back to the control in the form with the same data-focus-key,
// or to the result message, never to <body>, so a keyboard user goes on where they were.
import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

function focusAfter(reset: boolean): SubmitFunction {
	return ({ formElement }) => {
		const key = formElement.dataset.focusKey;
		return async ({ update }) => {
			await update({ reset });
			await tick();
			const form = key
				? document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)
				: null;
			const control = form?.querySelector<HTMLElement>(
				'button, summary, input:not([type="hidden"])'
			);
			const message = document.querySelector<HTMLElement>(
				'.message[role="status"], .message[role="alert"]'
			);
			// A message is no control: it takes focus only with tabindex -1.
			if (!control && message && !message.hasAttribute('tabindex')) message.tabIndex = -1;
			(control ?? message)?.focus();
		};
	};
}

/** Keeps what was typed (a week, a name) after success. */
export const keepFocus: SubmitFunction = focusAfter(false);

/** Empties the form after success, as plain use:enhance does (a list of names, an invite). */
export const keepFocusAndReset: SubmitFunction = focusAfter(true);
