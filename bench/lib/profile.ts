// Shares of a `node --cpu-prof` profile's busy time (start-up left out), grouped by what the
// time was spent on.
interface CallFrame {
	functionName: string;
	url: string;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}
export interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const HANDLES = new Set(['compress', 'headers', 'auth', 'resolve']);

/** The group of one sample, from its stack (leaf first). */
function group(stack: CallFrame[]): string | null {
	const leaf = stack[0]!;
	if (leaf.functionName === '(idle)' || leaf.functionName === '(root)') return null;
	if (leaf.functionName === '(garbage collector)') return 'garbage collector';
	if (leaf.functionName === '(program)') return 'V8 (program)';
	// better-sqlite3's statements are C++: V8 books their time to the JS frame that called them.
	if (leaf.functionName === 'prepare' && leaf.url.includes('better-sqlite3'))
		return 'SQLite: preparing statements';
	if (leaf.functionName === 'executeQuery' && leaf.url.includes('sqlite-driver'))
		return 'SQLite: running statements (incl. fsync)';
	// Start-up (reading the lessons, loading modules) is not the answer path: left out.
	if (stack.some((f) => f.url.includes('/yaml/') || f.url.startsWith('node:internal/modules')))
		return null;
	// compress is the outermost handle, so all of resolve() runs below it: only time where it
	// is the nearest handle on the stack is its own.
	const handle = stack.find((f) => HANDLES.has(f.functionName) && f.url.includes('hooks.server'));
	if (handle?.functionName === 'compress') return 'compress hook (incl. zlib)';
	if (leaf.url.includes('node:zlib') || leaf.functionName.includes('zlib'))
		return 'zlib (async, off the handle)';
	if (stack.some((f) => f.url.includes('/kysely/'))) return 'Kysely (build, compile, driver)';
	if (leaf.url.includes('/valibot/')) return 'valibot';
	if (leaf.url.includes('better-sqlite3')) return 'better-sqlite3 JS';
	if (/build\/server\/index\.js|@sveltejs\/kit/.test(leaf.url)) return 'SvelteKit runtime';
	if (leaf.url.includes('build/handler.js') || leaf.url.includes('build/index.js'))
		return 'adapter-node (polka, sirv, Request building)';
	if (leaf.url.startsWith('node:') || leaf.url === '')
		return 'Node core (http, streams, Request/Response, native)';
	if (leaf.url.includes('build/server/chunks')) return 'app code';
	return 'other';
}

/** [group, share of busy time], largest first, and the busy time in ms. */
export function profileShares(profile: CpuProfile): { shares: [string, number][]; busyMs: number } {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const stackOf = new Map<number, CallFrame[]>();
	const stack = (id: number) => {
		let s = stackOf.get(id);
		if (!s) {
			s = [];
			for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
				s.push(byId.get(at)!.callFrame);
			stackOf.set(id, s);
		}
		return s;
	};
	const totals = new Map<string, number>();
	let busy = 0;
	profile.samples.forEach((id, i) => {
		const dt = profile.timeDeltas[i] ?? 0;
		const g = group(stack(id));
		if (g === null) return;
		busy += dt;
		totals.set(g, (totals.get(g) ?? 0) + dt);
	});
	const shares = [...totals].map(([g, t]) => [g, t / busy] as [string, number]);
	return { shares: shares.sort((a, b) => b[1] - a[1]), busyMs: busy / 1000 };
}
