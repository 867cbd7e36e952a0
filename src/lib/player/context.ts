import { getContext, setContext } from 'svelte';
import type { Outbox } from './outbox.svelte.ts';

const KEY = Symbol('outbox');

/** The pupil's outbox lives in the pupil layout, so every pupil page keeps sending it. */
export interface OutboxHolder {
	box: Outbox | null;
}

export const provideOutbox = (holder: OutboxHolder) => setContext(KEY, holder);
export const useOutbox = () => getContext<OutboxHolder>(KEY);
