// Answers and moves wait here until the server has them. Kept in localStorage, so a reload or
// a dropped Wi-Fi connection loses nothing; each item has a client id the server stores once.
import type { Choice } from '../activities/index.ts';

export type OutboxItem =
	| { kind: 'answer'; clientId: string; lessonId: string; stepId: string; choice: Choice }
	| { kind: 'advance' | 'back'; clientId: string; lessonId: string; stepId: string };

export type SaveStatus = 'saved' | 'saving' | 'offline';

const BATCH = 20;
const MAX_DELAY = 10_000;

export class Outbox {
	items = $state<OutboxItem[]>([]);
	status = $state<SaveStatus>('saved');
	/** Answers the server would not store, with its Dutch reason: shown, never silent. */
	refused = $state<{ clientId: string; message: string }[]>([]);
	private flushing = false;
	private delay = 1000;
	private timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly key: string,
		private readonly endpoint = '/leerling/sync'
	) {
		try {
			this.items = JSON.parse(localStorage.getItem(key) ?? '[]') as OutboxItem[];
		} catch {
			this.items = [];
		}
		if (this.items.length) this.status = 'saving';
		window.addEventListener('online', this.retryNow);
	}

	destroy() {
		window.removeEventListener('online', this.retryNow);
		clearTimeout(this.timer);
	}

	private retryNow = () => {
		this.delay = 1000;
		void this.flush();
	};

	private persist() {
		localStorage.setItem(this.key, JSON.stringify(this.items));
	}

	push(item: OutboxItem) {
		this.items.push(item);
		this.persist();
		void this.flush();
	}

	/** At logout, once everything is stored: nothing of this pupil stays in the browser. */
	forget() {
		if (!this.items.length) localStorage.removeItem(this.key);
	}

	/** Answers still waiting (moves between pages are not answers). */
	get waitingAnswers(): number {
		return this.items.filter((i) => i.kind === 'answer').length;
	}

	pendingFor(lessonId: string): OutboxItem[] {
		return $state.snapshot(this.items.filter((i) => i.lessonId === lessonId)) as OutboxItem[];
	}

	/** Keeps sending for a while; true when everything is stored. Used before logging out. */
	async settle(timeoutMs = 8000): Promise<boolean> {
		const end = Date.now() + timeoutMs;
		while (this.items.length && Date.now() < end) {
			if (!(await this.flush())) await new Promise((r) => setTimeout(r, 400));
		}
		return this.items.length === 0;
	}

	/** Sends what is waiting, oldest first. Resolves true when nothing is left. */
	async flush(): Promise<boolean> {
		if (this.flushing) return false;
		this.flushing = true;
		clearTimeout(this.timer);
		try {
			while (this.items.length) {
				this.status = 'saving';
				const batch = $state.snapshot(this.items.slice(0, BATCH));
				let done: string[];
				let refused: { clientId: string; message: string }[];
				try {
					const res = await fetch(this.endpoint, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ items: batch })
					});
					if (!res.ok) throw new Error(`HTTP ${res.status}`);
					const body = (await res.json()) as {
						done: string[];
						refused?: { clientId: string; message: string }[];
					};
					done = body.done;
					refused = body.refused ?? [];
				} catch {
					this.status = 'offline';
					this.timer = setTimeout(() => void this.flush(), this.delay);
					this.delay = Math.min(this.delay * 2, MAX_DELAY);
					return false;
				}
				const answers = batch.filter((i) => i.kind === 'answer').map((i) => i.clientId);
				const refusedAnswers = refused.filter((r) => answers.includes(r.clientId));
				if (refusedAnswers.length) this.refused = [...this.refused, ...refusedAnswers];
				this.items = this.items.filter((i) => !done.includes(i.clientId));
				this.persist();
				this.delay = 1000;
			}
			this.status = 'saved';
			return true;
		} finally {
			this.flushing = false;
		}
	}
}
