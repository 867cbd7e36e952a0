// The order a pupil sees options in: shuffled per pupil and step with a stable seed, so a
// reload, a resume, the no-JS page and the feedback all show the same order for that pupil,
// while two pupils usually see different orders. Answers are stored by option id, never by
// position, so statistics don't depend on it.

/** FNV-1a: a 32-bit hash of the seed text. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: a small seeded generator, the same in the browser and on the server. */
function generator(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A function that puts any list in the seed's order (Fisher-Yates), the same every time. */
export type Order = <T>(items: readonly T[]) => T[];

export function orderFor(seed: string): Order {
	return <T>(items: readonly T[]) => {
		const random = generator(hash(`${seed}:${items.length}`));
		const out = [...items];
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[out[i], out[j]] = [out[j]!, out[i]!];
		}
		return out;
	};
}
